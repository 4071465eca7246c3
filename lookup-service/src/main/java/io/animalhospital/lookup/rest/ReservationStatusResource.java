package io.animalhospital.lookup.rest;

import java.util.List;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.UriInfo;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestResponse;
import org.jboss.resteasy.reactive.RestStreamElementType;
import org.jboss.resteasy.reactive.server.Cancellable;

import io.animalhospital.lookup.domain.ReservationStatusLookup;
import io.animalhospital.lookup.domain.StatusDocument;
import io.animalhospital.platform.paging.PageRequest;
import io.animalhospital.platform.paging.Paged;
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
    @Operation(summary = "The reservations of a phone number, one page, ordered by date, reservationId: staff any "
            + "(required), a customer their own (may be left out; another number is 403)",
            description = "Paginated (`page`, `size` 1..100, default 20): `X-Total-Count` and `Link` headers "
                    + "(decision 0060).")
    @APIResponse(responseCode = "200", description = "One page of status views", headers = {
            @Header(name = Paged.TOTAL_COUNT, description = "The phone's reservations, all pages"),
            @Header(name = Paged.LINK, description = "RFC 8288 first, prev, next, last pages") })
    public Uni<RestResponse<List<StatusDocument>>> byPhone(@QueryParam("phone") String phone,
            @Valid @BeanParam PageRequest page, @Context UriInfo uri) {
        return lookup.byPhone(phone, caller.get(), page).map(found -> found.toResponse(page, uri));
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
