package io.animalhospital.diagnosis.web.client;

import java.time.LocalDate;
import java.util.List;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.QueryParam;

import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;
import org.jboss.resteasy.reactive.RestResponse;

import io.animalhospital.diagnosis.web.client.ApiViews.Reservation;
import org.eclipse.microprofile.rest.client.annotation.RegisterProvider;
import io.smallrye.mutiny.Uni;

/** reservation-service: the owners of a day's appointments (staff list). */
@RegisterRestClient(configKey = "reservation")
@RegisterProvider(UserToken.class)
public interface ReservationApi extends DeadLetters {

    @GET
    @Path("/reservations")
    Uni<RestResponse<List<Reservation>>> reservations(@QueryParam("date") LocalDate date,
            @QueryParam("page") Integer page, @QueryParam("size") Integer size);
}
