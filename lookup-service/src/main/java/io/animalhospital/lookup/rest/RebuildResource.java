package io.animalhospital.lookup.rest;

import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.animalhospital.lookup.config.LookupConfig;
import io.animalhospital.lookup.domain.ClinicException;
import io.animalhospital.lookup.messaging.ViewRebuild;
import io.smallrye.mutiny.Uni;

/** Operations on the view itself; for the {@code admin} role once security lands. */
@Path("/admin/rebuild")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "admin", description = "Rebuild the reservation status view from the topics")
public class RebuildResource {

    private final ViewRebuild rebuild;
    private final LookupConfig config;

    public RebuildResource(ViewRebuild rebuild, LookupConfig config) {
        this.rebuild = rebuild;
        this.config = config;
    }

    @POST
    @Operation(summary = "Empty the view and replay every topic from the beginning: 202 once the replay started, "
            + "409 unless this replica holds every partition")
    public Uni<Response> rebuild() {
        if (!config.rebuild().enabled()) {
            throw new ClinicException(403, "Rebuild disabled", "hospital.lookup.rebuild.enabled is false");
        }
        return rebuild.start().map(started -> Response.accepted(started).build());
    }
}
