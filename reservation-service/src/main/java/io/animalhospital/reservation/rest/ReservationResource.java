package io.animalhospital.reservation.rest;

import java.net.URI;
import java.util.List;
import java.util.UUID;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.server.Cancellable;

import io.animalhospital.reservation.domain.ReservationService;
import io.animalhospital.reservation.domain.ReservationService.Details;
import io.animalhospital.reservation.rest.ReservationDtos.NewReservation;
import io.animalhospital.reservation.rest.ReservationDtos.ReservationChange;
import io.animalhospital.reservation.rest.ReservationDtos.ReservationView;
import io.smallrye.mutiny.Uni;

@Cancellable(false)
@Path("/reservations")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "reservations", description = "Customers place, change and cancel reservations")
public class ReservationResource {

    private final ReservationService service;

    public ReservationResource(ReservationService service) {
        this.service = service;
    }

    @POST
    @Operation(summary = "Place a reservation: 201, 404 no such schedule, 409 full, 503 + Retry-After")
    public Uni<Response> place(@Valid @NotNull NewReservation request) {
        return service.place(request.scheduleId(), new Details(request.ownerName().strip(), request.phone(),
                request.email(), request.petName().strip(), request.species().strip(), request.reason()))
                .map(r -> Response.created(URI.create("/reservations/" + r.id)).entity(ReservationView.of(r)).build());
    }

    @GET
    @Path("/{id}")
    public Uni<ReservationView> get(@PathParam("id") UUID id) {
        return service.get(id).map(ReservationView::of);
    }

    @GET
    @Operation(summary = "A customer's reservations, by phone number")
    public Uni<List<ReservationView>> byPhone(@QueryParam("phone") @NotBlank String phone) {
        return service.byPhone(phone.strip()).map(list -> list.stream().map(ReservationView::of).toList());
    }

    @PATCH
    @Path("/{id}")
    @Operation(summary = "Change contact details, or move to another schedule (all or nothing)")
    public Uni<ReservationView> change(@PathParam("id") UUID id, @Valid @NotNull ReservationChange change) {
        return service.change(id, change.scheduleId(), r -> {
            if (change.ownerName() != null) {
                r.ownerName = change.ownerName().strip();
            }
            if (change.phone() != null) {
                r.phone = change.phone();
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
    @Operation(summary = "Cancel (allowed until treated); answers the cancelled reservation")
    public Uni<ReservationView> cancel(@PathParam("id") UUID id) {
        return service.cancel(id).map(ReservationView::of);
    }
}
