package io.animalhospital.lookup.rest;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.util.UUID;

import jakarta.ws.rs.NameBinding;
import jakarta.ws.rs.core.UriInfo;

import org.jboss.resteasy.reactive.server.ServerRequestFilter;

import io.animalhospital.lookup.domain.ReservationStatusLookup;
import io.animalhospital.platform.security.CurrentCaller;
import io.smallrye.mutiny.Uni;

/**
 * Who may follow a reservation's live stream, asked before the resource method runs: Quarkus REST writes a
 * stream's head (200, text/event-stream) as soon as the method hands back its Multi, so a refusal from inside the
 * stream could no longer be a 404. Runs after the role check (401/403 first); the rule itself is the domain's.
 */
public class StreamAccess {

    /** Marks the resource methods whose {@code reservationId} must be the caller's to follow. */
    @NameBinding
    @Retention(RetentionPolicy.RUNTIME)
    @Target({ ElementType.TYPE, ElementType.METHOD })
    public @interface Checked {
    }

    private final ReservationStatusLookup lookup;
    private final CurrentCaller caller;

    public StreamAccess(ReservationStatusLookup lookup, CurrentCaller caller) {
        this.lookup = lookup;
        this.caller = caller;
    }

    @Checked
    @ServerRequestFilter
    public Uni<Void> mayFollow(UriInfo uri) {
        String id = uri.getPathParameters().getFirst("reservationId");
        if (!ReservationIds.isUuid(id)) {
            // The resource method answers 400 for it.
            return Uni.createFrom().voidItem();
        }
        return lookup.mayFollow(UUID.fromString(id), caller.get());
    }
}
