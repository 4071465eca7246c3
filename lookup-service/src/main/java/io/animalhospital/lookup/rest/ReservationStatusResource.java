package io.animalhospital.lookup.rest;

import java.util.List;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestStreamElementType;
import org.jboss.resteasy.reactive.server.Cancellable;

import io.animalhospital.lookup.domain.ReservationStatusLookup;
import io.animalhospital.lookup.domain.StatusDocument;
import io.animalhospital.platform.security.CurrentCaller;
import io.animalhospital.platform.security.Roles;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;

/**
 * The status view for customers (their own) and staff (every one); who may see what is the domain's rule
 * ({@link ReservationStatusLookup}). Admin tokens carry staff as well; admin is named so an admin account never
 * depends on that.
 */
@Cancellable(false)
@Path("/reservation-status")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "reservation status", description = "The reservation status view, built from events; live stream")
public class ReservationStatusResource {

    private final ReservationStatusLookup lookup;
    private final CurrentCaller caller;

    public ReservationStatusResource(ReservationStatusLookup lookup, CurrentCaller caller) {
        this.lookup = lookup;
        this.caller = caller;
    }

    @GET
    @Path("/{reservationId}")
    @RolesAllowed({ Roles.CUSTOMER, Roles.STAFF, Roles.ADMIN })
    @Operation(summary = "One reservation's status view (its owner or staff): 404 if no event about it arrived yet "
            + "or it is another customer's, 400 if not a UUID")
    public Uni<StatusDocument> get(@PathParam("reservationId") String reservationId) {
        return lookup.get(ReservationIds.parse(reservationId), caller.get());
    }

    @GET
    @RolesAllowed({ Roles.CUSTOMER, Roles.STAFF, Roles.ADMIN })
    @Operation(summary = "The reservations of a phone number: staff any (required), a customer their own "
            + "(may be left out; another number is 403)")
    public Uni<List<StatusDocument>> byPhone(@QueryParam("phone") String phone) {
        return lookup.byPhone(phone, caller.get());
    }

    /** The customer's ownership was checked before this runs ({@link StreamAccess}): the head goes out at once. */
    @GET
    @Path("/{reservationId}/stream")
    @Produces(MediaType.SERVER_SENT_EVENTS)
    @RestStreamElementType(MediaType.APPLICATION_JSON)
    @RolesAllowed({ Roles.CUSTOMER, Roles.STAFF, Roles.ADMIN })
    @StreamAccess.Checked
    @Operation(summary = "Live status view (server-sent events, bearer token in the Authorization header): the "
            + "current document, then each change; 404 for a customer before their reservation's first event or for "
            + "another customer's")
    public Multi<StatusDocument> stream(@PathParam("reservationId") String reservationId) {
        return lookup.follow(ReservationIds.parse(reservationId), caller.get());
    }
}
