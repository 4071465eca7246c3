package io.animalhospital.lookup.rest;

import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.server.Cancellable;

import io.animalhospital.lookup.domain.ViewRebuild;
import io.smallrye.mutiny.Uni;

/** Operations on the view itself; for the {@code admin} role once security lands. */
@Cancellable(false)
@Path("/admin/rebuild")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "admin", description = "Rebuild the reservation status view from the topics")
public class RebuildResource {

    private final ViewRebuild rebuild;

    public RebuildResource(ViewRebuild rebuild) {
        this.rebuild = rebuild;
    }

    @POST
    @Operation(summary = "Empty the view and replay every topic from the beginning: 202 once the replay started, "
            + "409 unless this replica holds every partition, 403 when switched off")
    public Uni<Response> rebuild() {
        return rebuild.start().map(started -> Response.accepted(started).build());
    }
}
