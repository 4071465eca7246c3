package io.animalhospital.reservation.web.client;

import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.rest.client.annotation.RegisterProvider;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;
import org.jboss.resteasy.reactive.RestResponse;

import io.smallrye.mutiny.Uni;

/** diagnosis-service's schedules: anyone may read them (SPEC §7), so no token is sent. */
@RegisterRestClient(configKey = "diagnosis-api")
@RegisterProvider(ApiProblems.class)
@Path("/schedules")
@Produces(MediaType.APPLICATION_JSON)
public interface SchedulesApi {

    /** The free days: {@code available=true} keeps schedules with seats left (the work-list contract of issue 18). */
    @GET
    Uni<RestResponse<List<Api.Schedule>>> free(@QueryParam("from") LocalDate from, @QueryParam("date") LocalDate date,
            @QueryParam("vet") String vet, @QueryParam("available") boolean available, @QueryParam("page") int page,
            @QueryParam("size") int size);

    @GET
    @Path("/{id}")
    Uni<Api.Schedule> get(@PathParam("id") UUID id);
}
