package io.animalhospital.diagnosis.web.client;

import java.util.List;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;

import org.jboss.resteasy.reactive.RestResponse;

import io.animalhospital.diagnosis.web.client.ApiViews.DeadLetter;
import io.smallrye.mutiny.Uni;

/** The platform's dead-letter endpoints, the same on every consuming service (admin only). */
public interface DeadLetters {

    @GET
    @Path("/admin/dead-letters")
    Uni<RestResponse<List<DeadLetter>>> deadLetters(@QueryParam("page") Integer page, @QueryParam("size") Integer size);

    @POST
    @Path("/admin/dead-letters/{topic}/{partition}/{offset}/replay")
    Uni<RestResponse<Void>> replay(@PathParam("topic") String topic, @PathParam("partition") int partition,
            @PathParam("offset") long offset);
}
