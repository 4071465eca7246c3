package io.animalhospital.lookup.rest;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.server.Cancellable;

import io.animalhospital.lookup.domain.ViewRebuild;
import io.animalhospital.platform.security.CurrentCaller;
import io.animalhospital.platform.security.Roles;
import io.smallrye.mutiny.Uni;

/** Operations on the view itself: admins only (SPEC §7), not staff. */
@Cancellable(false)
@Path("/admin/rebuild")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "admin", description = "Rebuild the reservation status view from the topics")
public class RebuildResource {

    private final ViewRebuild rebuild;
    private final CurrentCaller caller;

    public RebuildResource(ViewRebuild rebuild, CurrentCaller caller) {
        this.rebuild = rebuild;
        this.caller = caller;
    }

    @POST
    @RolesAllowed(Roles.ADMIN)
    @Operation(summary = "Empty the view and replay every topic from the beginning (admin): 202 once the replay "
            + "started, naming who started it; 409 unless this replica holds every partition, 403 when switched off")
    public Uni<Response> rebuild() {
        return rebuild.start(caller.get()).map(started -> Response.accepted(started).build());
    }
}
