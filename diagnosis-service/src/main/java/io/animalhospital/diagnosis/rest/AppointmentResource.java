package io.animalhospital.diagnosis.rest;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
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
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestResponse;
import org.jboss.resteasy.reactive.server.Cancellable;

import io.animalhospital.diagnosis.config.DiagnosisConfig;
import io.animalhospital.diagnosis.domain.Appointment;
import io.animalhospital.diagnosis.domain.AppointmentService;
import io.animalhospital.diagnosis.domain.AppointmentService.BookingRequest;
import io.animalhospital.diagnosis.domain.AppointmentStatus;
import io.animalhospital.diagnosis.domain.Appointments;
import io.animalhospital.diagnosis.domain.MedicalRecord;
import io.animalhospital.diagnosis.rest.AppointmentDtos.AppointmentView;
import io.animalhospital.diagnosis.rest.AppointmentDtos.BookAppointment;
import io.animalhospital.diagnosis.rest.AppointmentDtos.Decline;
import io.animalhospital.diagnosis.rest.AppointmentDtos.MoveAppointment;
import io.animalhospital.platform.tracing.Traces;
import io.animalhospital.platform.paging.ListParameters;
import io.animalhospital.platform.paging.PageRequest;
import io.animalhospital.platform.paging.Paged;
import io.animalhospital.platform.security.CurrentCaller;
import io.animalhospital.platform.security.Roles;
import io.smallrye.mutiny.Uni;

/**
 * The booking calls are reservation-service's alone (its service account; not even staff may make them); staff
 * (admin included) decide on and treat appointments and read them (SPEC §7).
 */
@Cancellable(false)
@Path("/appointments")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "appointments", description = "Seats taken by reservations; approval and treatment (staff)")
public class AppointmentResource {

    private final AppointmentService service;
    private final DiagnosisConfig.BookingDelay delay;
    private final CurrentCaller currentCaller;

    public AppointmentResource(AppointmentService service, DiagnosisConfig config, CurrentCaller currentCaller) {
        this.service = service;
        this.delay = config.bookingDelay();
        this.currentCaller = currentCaller;
    }

    @POST
    @RolesAllowed(Roles.RESERVATION_SERVICE)
    @Operation(summary = "Book a seat for a reservation (reservation-service's call; idempotent per reservationId)")
    public Uni<Response> book(@Valid @NotNull BookAppointment request) {
        Traces.reservation(request.reservationId());
        return service.book(new BookingRequest(request.reservationId(), request.scheduleId(), request.petName(),
                request.reason()))
                .map(booking -> (booking.created()
                        ? Response.created(URI.create("/appointments/" + request.reservationId()))
                        : Response.ok())
                        .entity(AppointmentView.of(booking.appointment(), booking.schedule())).build())
                .call(ignored -> simulatedDelay());
    }

    @PUT
    @Path("/{reservationId}/schedule")
    @RolesAllowed(Roles.RESERVATION_SERVICE)
    @Operation(summary = "Move the seat to another schedule, all or nothing (reservation-service's call)")
    public Uni<AppointmentView> move(@PathParam("reservationId") UUID reservationId,
            @Valid @NotNull MoveAppointment request) {
        Traces.reservation(reservationId);
        return service.move(reservationId, request.scheduleId())
                .map(booking -> AppointmentView.of(booking.appointment(), booking.schedule()));
    }

    @POST
    @Path("/{reservationId}/approve")
    @Consumes(MediaType.WILDCARD)
    @RolesAllowed({ Roles.STAFF, Roles.ADMIN })
    public Uni<AppointmentView> approve(@PathParam("reservationId") UUID reservationId) {
        Traces.reservation(reservationId);
        return service.approve(reservationId, currentCaller.get()).flatMap(this::view);
    }

    @POST
    @Path("/{reservationId}/decline")
    @Consumes(MediaType.WILDCARD)
    @RolesAllowed({ Roles.STAFF, Roles.ADMIN })
    public Uni<AppointmentView> decline(@PathParam("reservationId") UUID reservationId, @Valid Decline request) {
        Traces.reservation(reservationId);
        return service.decline(reservationId, request == null ? null : request.reason(), currentCaller.get())
                .flatMap(this::view);
    }

    @POST
    @Path("/{reservationId}/treatment")
    @RolesAllowed({ Roles.STAFF, Roles.ADMIN })
    @Operation(summary = "Record the treatment; the appointment becomes TREATED and billing follows")
    public Uni<AppointmentView> treat(@PathParam("reservationId") UUID reservationId,
            @Valid @NotNull MedicalRecord record) {
        Traces.reservation(reservationId);
        return service.treat(reservationId, record, currentCaller.get()).flatMap(this::view);
    }

    @GET
    @Path("/{reservationId}")
    @RolesAllowed({ Roles.STAFF, Roles.ADMIN })
    public Uni<AppointmentView> get(@PathParam("reservationId") UUID reservationId) {
        Traces.reservation(reservationId);
        return service.get(reservationId).flatMap(this::view);
    }

    @GET
    @RolesAllowed({ Roles.STAFF, Roles.ADMIN })
    @Operation(summary = "Staff's work list of appointments, one page, ordered by date, vet, createdAt, reservationId",
            description = "Filters, all optional and combined: `date` (the schedule's day), `status` (e.g. "
                    + "`AWAITING_APPROVAL`: the approvals waiting), `scheduleId` (404 if there is no such schedule), "
                    + "`vet`. Without a filter: every appointment, cancelled ones too. Paginated (`page`, `size` "
                    + "1..100, default 20): `X-Total-Count` and `Link` headers (decision 0060).")
    @APIResponse(responseCode = "200", description = "One page of appointments", headers = {
            @Header(name = Paged.TOTAL_COUNT, description = "Appointments matching the filters, all pages"),
            @Header(name = Paged.LINK, description = "RFC 8288 first, prev, next, last pages") })
    public Uni<RestResponse<List<AppointmentView>>> search(@QueryParam("date") String date,
            @QueryParam("status") String status, @QueryParam("scheduleId") String scheduleId,
            @QueryParam("vet") String vet, @Valid @BeanParam PageRequest page, @Context UriInfo uri) {
        Appointments.Search search = new Appointments.Search(ListParameters.date("date", date),
                ListParameters.oneOf("status", status, AppointmentStatus.class),
                ListParameters.uuid("scheduleId", scheduleId), vet);
        return service.search(search, page).map(found -> found
                .map(listed -> AppointmentView.of(listed.appointment(), listed.schedule())).toResponse(page, uri));
    }

    private Uni<AppointmentView> view(Appointment appointment) {
        return service.scheduleOf(appointment).map(schedule -> AppointmentView.of(appointment, schedule));
    }

    /** The seed scenario's slow diagnosis: a timer, not a blocked thread, holds the answer back. */
    private Uni<Void> simulatedDelay() {
        if (!delay.enabled()) {
            return Uni.createFrom().voidItem();
        }
        long min = delay.min().toMillis();
        long max = Math.max(min, delay.max().toMillis());
        return Uni.createFrom().voidItem().onItem()
                .delayIt().by(Duration.ofMillis(ThreadLocalRandom.current().nextLong(min, max + 1)));
    }
}
