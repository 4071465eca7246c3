package io.animalhospital.platform.deadletter;

import java.util.List;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import org.jboss.resteasy.reactive.RestResponse;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.animalhospital.platform.paging.PageRequest;
import io.animalhospital.platform.paging.Paged;
import io.animalhospital.platform.problem.Problem;
import io.animalhospital.platform.security.CurrentCaller;
import io.animalhospital.platform.security.Roles;
import io.smallrye.mutiny.Uni;

/**
 * Operations (SPEC §7: admin only): the dead letters of the topics this service consumes, and their replay.
 * Not routed by the entry point; the staff console calls it with the administrator's token.
 */
@Path("/admin/dead-letters")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Operations")
public class DeadLetterResource {

    private final DeadLetters deadLetters;
    private final CurrentCaller caller;

    public DeadLetterResource(DeadLetters deadLetters, CurrentCaller caller) {
        this.deadLetters = deadLetters;
        this.caller = caller;
    }

    @GET
    @RolesAllowed(Roles.ADMIN)
    @Operation(summary = "Dead letters of this service's topics, newest first")
    public Uni<RestResponse<List<DeadLetter>>> list(@Valid @BeanParam PageRequest page, @Context UriInfo uri) {
        return deadLetters.list().map(all -> Paged.response(
                all.stream().skip(page.offset()).limit(page.size()).toList(), all.size(), page, uri));
    }

    @ServerExceptionMapper
    public Response failedAgain(DeadLetters.ReplayFailedException e, UriInfo uri) {
        return Problem.typed("replay-failed", 409, "Replay failed", e.getMessage(), uri.getPath()).toResponse();
    }

    @POST
    @Path("/{topic}/{partition}/{offset}/replay")
    @RolesAllowed(Roles.ADMIN)
    @Operation(summary = "Apply a dead letter again through this service's consumer",
            description = "202 with the dead letter once applied (an event that took effect before changes nothing);"
                    + " 404 when there is no such record on this service's dead-letter topics.")
    public Uni<Response> replay(@PathParam("topic") String topic, @PathParam("partition") int partition,
            @PathParam("offset") long offset) {
        return deadLetters.replay(topic, partition, offset, caller.get())
                .map(replayed -> replayed.map(letter -> Response.accepted(letter).build())
                        .orElseThrow(() -> new NotFoundException("No dead letter " + topic + "/" + partition + "/"
                                + offset + " on this service's dead-letter topics")));
    }
}
