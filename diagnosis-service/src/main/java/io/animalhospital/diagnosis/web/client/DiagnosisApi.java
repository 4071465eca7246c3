package io.animalhospital.diagnosis.web.client;

import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;

import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;
import org.jboss.resteasy.reactive.RestResponse;

import io.animalhospital.diagnosis.web.client.ApiViews.Appointment;
import io.animalhospital.diagnosis.web.client.ApiViews.Decline;
import io.animalhospital.diagnosis.web.client.ApiViews.NewSchedule;
import io.animalhospital.diagnosis.web.client.ApiViews.Schedule;
import io.animalhospital.diagnosis.web.client.ApiViews.ScheduleChange;
import io.animalhospital.diagnosis.web.client.ApiViews.Treatment;
import org.eclipse.microprofile.rest.client.annotation.RegisterProvider;
import io.smallrye.mutiny.Uni;

/**
 * This service's own API, called like any other (the console shares no code with rest/ and domain/): the same
 * rules, validation and problems as for any client.
 */
@RegisterRestClient(configKey = "diagnosis")
@RegisterProvider(UserToken.class)
public interface DiagnosisApi extends DeadLetters {

    @GET
    @Path("/schedules")
    Uni<RestResponse<List<Schedule>>> schedules(@QueryParam("date") LocalDate date, @QueryParam("page") Integer page,
            @QueryParam("size") Integer size);

    @POST
    @Path("/schedules")
    Uni<Schedule> open(NewSchedule schedule);

    @PATCH
    @Path("/schedules/{id}")
    Uni<Schedule> change(@PathParam("id") UUID id, ScheduleChange change);

    @DELETE
    @Path("/schedules/{id}")
    Uni<Schedule> withdraw(@PathParam("id") UUID id);

    @GET
    @Path("/appointments")
    Uni<RestResponse<List<Appointment>>> appointments(@QueryParam("date") LocalDate date,
            @QueryParam("status") String status, @QueryParam("page") Integer page, @QueryParam("size") Integer size);

    @GET
    @Path("/appointments/{reservationId}")
    Uni<Appointment> appointment(@PathParam("reservationId") UUID reservationId);

    @POST
    @Path("/appointments/{reservationId}/approve")
    Uni<Appointment> approve(@PathParam("reservationId") UUID reservationId);

    @POST
    @Path("/appointments/{reservationId}/decline")
    Uni<Appointment> decline(@PathParam("reservationId") UUID reservationId, Decline decline);

    @POST
    @Path("/appointments/{reservationId}/treatment")
    Uni<Appointment> treat(@PathParam("reservationId") UUID reservationId, Treatment treatment);
}
