package io.animalhospital.reservation.web.client;

import java.util.List;
import java.util.UUID;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.rest.client.annotation.RegisterProvider;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

import io.smallrye.mutiny.Uni;

/** notice-service: the notifications sent about one of the customer's reservations. */
@RegisterRestClient(configKey = "notice-api")
@RegisterProvider(ApiProblems.class)
@Path("/notifications")
@Produces(MediaType.APPLICATION_JSON)
public interface NotificationsApi {

    @GET
    Uni<List<Api.Notification>> forReservation(@HeaderParam("Authorization") String bearer,
            @QueryParam("reservationId") UUID reservationId);
}
