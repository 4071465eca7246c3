package io.animalhospital.reservation.rest;

import java.net.URI;
import java.util.List;
import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.BadRequestException;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestResponse;
import org.jboss.resteasy.reactive.server.Cancellable;

import io.animalhospital.platform.tracing.Traces;
import io.animalhospital.platform.paging.InvalidParameterException;
import io.animalhospital.platform.paging.ListParameters;
import io.animalhospital.platform.paging.PageRequest;
import io.animalhospital.platform.paging.Paged;
import io.animalhospital.platform.security.CurrentCaller;
import io.animalhospital.platform.security.PhoneNumbers;
import io.animalhospital.platform.security.Roles;
import io.animalhospital.reservation.domain.ReservationService;
import io.animalhospital.reservation.domain.ReservationService.Details;
import io.animalhospital.reservation.domain.ReservationStatus;
import io.animalhospital.reservation.domain.Reservations;
import io.animalhospital.reservation.rest.ReservationDtos.NewReservation;
import io.animalhospital.reservation.rest.ReservationDtos.ReservationChange;
import io.animalhospital.reservation.rest.ReservationDtos.ReservationView;
import io.smallrye.mutiny.Uni;

/**
 * Customers place reservations for their own phone and read, change and cancel their own; staff read every
 * reservation (SPEC §7). Who owns what is decided by {@link ReservationService}; another customer's reservation
 * answers 404.
 */
@Cancellable(false)
@Path("/reservations")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "reservations", description = "Customers place, change and cancel reservations")
public class ReservationResource {

    /** A retried placement answered from the first one carries this header (the status and Location are the same). */
    static final String REPLAYED = "Idempotent-Replayed";
    /** The placement's method, whose answers {@link PlacementOutcomes} counts. */
    static final String PLACE = "place";
    private static final int MAX_KEY_LENGTH = 255;

    private final ReservationService service;
    private final CurrentCaller currentCaller;

    public ReservationResource(ReservationService service, CurrentCaller currentCaller) {
        this.service = service;
        this.currentCaller = currentCaller;
    }

    @POST
    @RolesAllowed(Roles.CUSTOMER)
    @Operation(summary = "Place a reservation for the phone number of the customer's account",
            description = "The phone is taken from the customer's token, never from the body. A retry with the same "
                    + "Idempotency-Key returns the first answer instead of booking again.")
    @APIResponse(responseCode = "201", description = "Reserved or awaiting approval (also for a retry of it)")
    @APIResponse(responseCode = "400", description = "Malformed or invalid request (a phone field included)")
    @APIResponse(responseCode = "401", description = "No valid token")
    @APIResponse(responseCode = "403", description = "Not a customer, or an account without a phone number")
    @APIResponse(responseCode = "404", description = "No such schedule")
    @APIResponse(responseCode = "409", description = "Schedule full, its day has passed, or the first placement under "
            + "this Idempotency-Key is still under way (Retry-After)")
    @APIResponse(responseCode = "422", description = "The Idempotency-Key was used for a different placement")
    @APIResponse(responseCode = "503", description = "Booking unavailable now; Retry-After says when to try again")
    public Uni<Response> place(
            @Parameter(description = "Client-chosen, unique per placement (1-255 characters); optional")
            @HeaderParam("Idempotency-Key") String idempotencyKey,
            @Valid @NotNull NewReservation request) {
        return service.place(currentCaller.get(), request.scheduleId(), new Details(request.ownerName().strip(),
                request.email(), request.petName().strip(), request.species().strip(), request.reason()),
                key(idempotencyKey))
                .map(placement -> {
                    Response.ResponseBuilder response = Response
                            .created(URI.create("/reservations/" + placement.reservation().id))
                            .entity(ReservationView.of(placement.reservation()));
                    return (placement.replayed() ? response.header(REPLAYED, "true") : response).build();
                });
    }

    @GET
    @Path("/{id}")
    @RolesAllowed({ Roles.CUSTOMER, Roles.STAFF, Roles.ADMIN })
    @Operation(summary = "One reservation: the customer's own, or any for staff")
    @APIResponse(responseCode = "200", description = "The reservation")
    @APIResponse(responseCode = "404", description = "No such reservation, or another customer's")
    public Uni<ReservationView> get(@PathParam("id") UUID id) {
        Traces.reservation(id);
        return service.get(currentCaller.get(), id).map(ReservationView::of);
    }

    @GET
    @RolesAllowed({ Roles.CUSTOMER, Roles.STAFF, Roles.ADMIN })
    @Operation(summary = "Reservations, one page, ordered by date, createdAt, id: a customer's are always their own",
            description = "Filters, all optional and combined: `date` (the reservation's day), `status` (e.g. "
                    + "`AWAITING_APPROVAL`), `phone` (staff: any customer's; a customer: only their own). Paginated "
                    + "(`page`, `size` 1..100, default 20): `X-Total-Count` and `Link` headers (decision 0060).")
    @APIResponse(responseCode = "200", description = "One page of reservations", headers = {
            @Header(name = Paged.TOTAL_COUNT, description = "Reservations matching the filters, all pages"),
            @Header(name = Paged.LINK, description = "RFC 8288 first, prev, next, last pages") })
    @APIResponse(responseCode = "400", description = "Not a phone number, a date, a status, a page or a size")
    @APIResponse(responseCode = "403", description = "A customer named a phone number that is not theirs")
    public Uni<RestResponse<List<ReservationView>>> search(
            @Parameter(description = "Any common form (01012345678, 010-1234-5678, +82 10-1234-5678); optional")
            @QueryParam("phone") String phone, @QueryParam("date") String date, @QueryParam("status") String status,
            @Valid @BeanParam PageRequest page, @Context UriInfo uri) {
        Reservations.Search search = new Reservations.Search(phone(phone), ListParameters.date("date", date),
                ListParameters.oneOf("status", status, ReservationStatus.class));
        return service.search(currentCaller.get(), search, page)
                .map(found -> found.map(ReservationView::of).toResponse(page, uri));
    }

    @PATCH
    @Path("/{id}")
    @RolesAllowed(Roles.CUSTOMER)
    @Operation(summary = "Change contact details (not the phone), or move to another schedule (all or nothing)")
    @APIResponse(responseCode = "200", description = "The changed reservation")
    @APIResponse(responseCode = "400", description = "Malformed or invalid request; a phone field is refused")
    @APIResponse(responseCode = "404", description = "No such reservation, or another customer's")
    @APIResponse(responseCode = "409", description = "Not changeable, the new schedule is full or its day has passed")
    @APIResponse(responseCode = "503", description = "Moving unavailable now; Retry-After says when to try again")
    public Uni<ReservationView> change(@PathParam("id") UUID id, @Valid @NotNull ReservationChange change) {
        Traces.reservation(id);
        return service.change(currentCaller.get(), id, change.scheduleId(), r -> {
            if (change.ownerName() != null) {
                r.ownerName = change.ownerName().strip();
            }
            if (change.email() != null) {
                r.email = change.email().isBlank() ? null : change.email();
            }
            if (change.petName() != null) {
                r.petName = change.petName().strip();
            }
            if (change.species() != null) {
                r.species = change.species().strip();
            }
            if (change.reason() != null) {
                r.reason = change.reason();
            }
        }).map(ReservationView::of);
    }

    @DELETE
    @Path("/{id}")
    @RolesAllowed(Roles.CUSTOMER)
    @Operation(summary = "Cancel the customer's own reservation (allowed until treated); answers it cancelled")
    @APIResponse(responseCode = "200", description = "The cancelled reservation")
    @APIResponse(responseCode = "404", description = "No such reservation, or another customer's")
    @APIResponse(responseCode = "409", description = "Already treated")
    public Uni<ReservationView> cancel(@PathParam("id") UUID id) {
        Traces.reservation(id);
        return service.cancel(currentCaller.get(), id).map(ReservationView::of);
    }

    private static String key(String idempotencyKey) {
        if (idempotencyKey == null) {
            return null;
        }
        if (idempotencyKey.isBlank()) {
            throw new BadRequestException("Header Idempotency-Key is empty");
        }
        if (idempotencyKey.length() > MAX_KEY_LENGTH) {
            throw new BadRequestException("Header Idempotency-Key is longer than " + MAX_KEY_LENGTH + " characters");
        }
        return idempotencyKey;
    }

    /** The parameter in normal form; null when absent. */
    private static String phone(String phone) {
        if (phone == null || phone.isBlank()) {
            return null;
        }
        return PhoneNumbers.normalise(phone)
                .orElseThrow(() -> new InvalidParameterException("phone", "is not a phone number"));
    }
}
