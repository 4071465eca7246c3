package io.animalhospital.reservation.web.client;

import java.util.UUID;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.rest.client.annotation.RegisterProvider;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;
import org.jboss.resteasy.reactive.RestStreamElementType;

import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;

/** lookup-service: a reservation's status view (the appointment's status with it), and its live stream. */
@RegisterRestClient(configKey = "lookup-api")
@RegisterProvider(ApiProblems.class)
@Path("/reservation-status")
public interface StatusApi {

    @GET
    @Path("/{id}")
    @Produces(MediaType.APPLICATION_JSON)
    Uni<Api.StatusView> get(@HeaderParam("Authorization") String bearer, @PathParam("id") UUID id);

    /** The current view, then each change, as long as the subscriber stays. */
    @GET
    @Path("/{id}/stream")
    @Produces(MediaType.SERVER_SENT_EVENTS)
    @RestStreamElementType(MediaType.APPLICATION_JSON)
    Multi<Api.StatusView> follow(@HeaderParam("Authorization") String bearer, @PathParam("id") UUID id);
}
