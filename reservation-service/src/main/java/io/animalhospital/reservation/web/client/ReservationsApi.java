package io.animalhospital.reservation.web.client;

import java.util.List;
import java.util.UUID;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.rest.client.annotation.RegisterProvider;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;
import org.jboss.resteasy.reactive.RestResponse;

import io.smallrye.mutiny.Uni;

/**
 * reservation-service's own API, called over HTTP like any other with the customer's token: the pages depend on
 * its contract, not on the domain code behind it.
 */
@RegisterRestClient(configKey = "reservations-api")
@RegisterProvider(ApiProblems.class)
@Path("/reservations")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public interface ReservationsApi {

    @GET
    Uni<RestResponse<List<Api.Reservation>>> mine(@HeaderParam("Authorization") String bearer,
            @QueryParam("page") int page, @QueryParam("size") int size);

    @GET
    @Path("/{id}")
    Uni<Api.Reservation> get(@HeaderParam("Authorization") String bearer, @PathParam("id") UUID id);

    @POST
    Uni<Api.Reservation> place(@HeaderParam("Authorization") String bearer,
            @HeaderParam("Idempotency-Key") String idempotencyKey, Api.NewReservation reservation);

    @PATCH
    @Path("/{id}")
    Uni<Api.Reservation> change(@HeaderParam("Authorization") String bearer, @PathParam("id") UUID id,
            Api.ReservationChange change);

    @DELETE
    @Path("/{id}")
    Uni<Api.Reservation> cancel(@HeaderParam("Authorization") String bearer, @PathParam("id") UUID id);
}
