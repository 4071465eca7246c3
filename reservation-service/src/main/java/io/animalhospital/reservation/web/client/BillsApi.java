package io.animalhospital.reservation.web.client;

import java.util.List;
import java.util.UUID;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.rest.client.annotation.RegisterProvider;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

import io.smallrye.mutiny.Uni;

/** billing-service: the customer's bill for a reservation, and paying it. */
@RegisterRestClient(configKey = "billing-api")
@RegisterProvider(ApiProblems.class)
@Path("/bills")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public interface BillsApi {

    @GET
    Uni<List<Api.Bill>> forReservation(@HeaderParam("Authorization") String bearer,
            @QueryParam("reservationId") UUID reservationId);

    @POST
    @Path("/{id}/payments")
    Uni<Api.Bill> pay(@HeaderParam("Authorization") String bearer, @HeaderParam("Idempotency-Key") String idempotencyKey,
            @PathParam("id") UUID billId, Api.Payment payment);
}
