package io.animalhospital.diagnosis.domain;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.animalhospital.diagnosis.domain.ClinicException.Reason;
import io.animalhospital.platform.paging.PageRequest;
import io.animalhospital.platform.paging.Paged;
import io.animalhospital.platform.security.Caller;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;

/**
 * Appointments: booking and moving seats (reservation-service's calls), approval, decline, treatment (staff's, each
 * recorded with who did it).
 */
@ApplicationScoped
public class AppointmentService {

    private static final Logger LOG = Logger.getLogger(AppointmentService.class);

    private final Appointments appointments;
    private final Schedules schedules;
    private final DiagnosisEvents events;
    private final Clock clinicClock;

    /** @param clinicClock in the clinic's time zone: its "today" decides which days have passed */
    public AppointmentService(Appointments appointments, Schedules schedules, DiagnosisEvents events,
            Clock clinicClock) {
        this.appointments = appointments;
        this.schedules = schedules;
        this.events = events;
        this.clinicClock = clinicClock;
    }

    /** The outcome of a booking call: the appointment, its schedule, and whether this call created it. */
    public record Booking(Appointment appointment, Schedule schedule, boolean created) {
    }

    /** What reservation-service asks to book for a reservation. */
    public record BookingRequest(UUID reservationId, UUID scheduleId, String petName, String reason) {
    }

    /**
     * Takes one seat atomically and creates the appointment. Idempotent per reservation: a repeated call returns
     * the existing appointment and takes no second seat. A day that has passed at the clinic takes no booking.
     */
    @WithTransaction
    public Uni<Booking> book(BookingRequest request) {
        return appointments.byId(request.reservationId())
                .flatMap(existing -> existing != null ? repeated(existing) : bookNew(request));
    }

    private Uni<Booking> repeated(Appointment existing) {
        return schedules.byId(existing.scheduleId).map(schedule -> new Booking(existing, schedule, false));
    }

    private Uni<Booking> bookNew(BookingRequest request) {
        return refuseIfCancelled(request.reservationId())
                .flatMap(ignored -> notPassed(request.scheduleId()))
                .flatMap(schedule -> addAndTakeSeat(newAppointment(request, schedule), schedule))
                .invoke(booking -> LOG.infof("Appointment of reservation %s booked on schedule %s: %s",
                        request.reservationId(), request.scheduleId(), booking.appointment().status));
    }

    /**
     * A reservation cancelled before its booking arrived (its answer was lost) must not take a seat now. Its
     * cancellation waits for this booking to commit or roll back ({@link #reservationCancelled}), and this waits
     * for a cancellation being applied.
     */
    private Uni<Void> refuseIfCancelled(UUID reservationId) {
        return appointments.lockReservation(reservationId)
                .chain(() -> appointments.wasCancelled(reservationId))
                .invoke(cancelled -> {
                    if (cancelled) {
                        throw new ClinicException(Reason.RESERVATION_CANCELLED,
                                "Reservation " + reservationId + " was cancelled before it was booked");
                    }
                }).replaceWithVoid();
    }

    // The seat is taken last: the schedule's row, which every booking of that day needs, stays locked only from
    // the conditional UPDATE to the commit. No seat, no appointment (the failure rolls the insert back).
    private Uni<Booking> addAndTakeSeat(Appointment appointment, Schedule schedule) {
        return appointments.add(appointment)
                .flatMap(added -> schedules.takeSeat(schedule.id))
                .map(taken -> {
                    if (!taken) {
                        throw ClinicException.noSeat(schedule);
                    }
                    return new Booking(appointment, schedule, true);
                });
    }

    private static Appointment newAppointment(BookingRequest request, Schedule schedule) {
        Appointment appointment = new Appointment();
        appointment.reservationId = request.reservationId();
        appointment.scheduleId = schedule.id;
        appointment.status = AppointmentStatus.onBooking(schedule);
        appointment.petName = request.petName();
        appointment.reason = request.reason();
        appointment.createdAt = Instant.now();
        appointment.updatedAt = appointment.createdAt;
        return appointment;
    }

    /**
     * Moves the seat to another schedule, all or nothing: if the new one is full, withdrawn or its day has passed,
     * the old seat is kept. The move's event reaches reservation-service even if this call's answer does not.
     */
    @WithTransaction
    public Uni<Booking> move(UUID reservationId, UUID scheduleId) {
        return active(reservationId).flatMap(appointment -> appointment.scheduleId.equals(scheduleId)
                ? repeated(appointment)
                : moveSeat(appointment, scheduleId));
    }

    private Uni<Booking> moveSeat(Appointment appointment, UUID scheduleId) {
        UUID previous = appointment.scheduleId;
        return notPassed(scheduleId)
                .chain(() -> takeSeat(scheduleId))
                .call(ignored -> schedules.releaseSeat(previous))
                .call(schedule -> {
                    appointment.scheduleId = scheduleId;
                    appointment.status = AppointmentStatus.onBooking(schedule);
                    appointment.updatedAt = Instant.now();
                    return events.moved(appointment, previous, schedule);
                })
                .map(schedule -> new Booking(appointment, schedule, false));
    }

    @WithTransaction
    public Uni<Appointment> approve(UUID reservationId, Caller caller) {
        StaffAction action = StaffAction.by(caller, Instant.now(clinicClock));
        return locked(reservationId).call(appointment -> {
            if (appointment.status != AppointmentStatus.AWAITING_APPROVAL) {
                throw new ClinicException(Reason.NOT_AWAITING_APPROVAL,
                        "Appointment " + reservationId + " is " + appointment.status);
            }
            appointment.status = AppointmentStatus.BOOKED;
            appointment.updatedAt = action.at();
            appointment.approvedBy = action;
            return events.approved(appointment);
        });
    }

    /** Staff decline an awaiting or booked appointment: the seat comes back, the reservation is cancelled. */
    @WithTransaction
    public Uni<Appointment> decline(UUID reservationId, String note, Caller caller) {
        StaffAction action = StaffAction.by(caller, Instant.now(clinicClock));
        return locked(reservationId).call(appointment -> {
            if (!appointment.status.isActive()) {
                throw new ClinicException(Reason.NOT_DECLINABLE,
                        "Appointment " + reservationId + " is " + appointment.status);
            }
            appointment.declinedBy = action;
            return cancel(appointment, CancelReason.DECLINED).call(() -> events.declined(appointment, note));
        });
    }

    @WithTransaction
    public Uni<Appointment> treat(UUID reservationId, MedicalRecord record, Caller caller) {
        StaffAction action = StaffAction.by(caller, Instant.now(clinicClock));
        return locked(reservationId).call(appointment -> {
            if (appointment.status != AppointmentStatus.BOOKED) {
                throw new ClinicException(Reason.NOT_TREATABLE, "Appointment " + reservationId + " is "
                        + appointment.status + "; only BOOKED can be treated");
            }
            appointment.status = AppointmentStatus.TREATED;
            appointment.doctor = record.doctor();
            appointment.medicalOpinion = record.medicalOpinion();
            appointment.treatment = record.treatment();
            appointment.prescription = record.prescription();
            appointment.items = List.copyOf(record.items());
            appointment.updatedAt = action.at();
            appointment.recordedBy = action;
            return events.treated(appointment);
        });
    }

    /**
     * The reservation was cancelled (by the customer, or because its booking answer was lost): give the seat back.
     * If the appointment does not exist yet, remember the cancellation so that a late booking is refused; a booking
     * in flight is waited for ({@link Appointments#lockReservation}). Called inside the consumer's transaction.
     */
    public Uni<Void> reservationCancelled(UUID reservationId, CancelReason reason) {
        return appointments.lockReservation(reservationId)
                .chain(() -> appointments.lockedById(reservationId))
                .flatMap(appointment -> {
                    if (appointment == null) {
                        return appointments.rememberCancelled(reservationId);
                    }
                    if (!appointment.status.isActive()) {
                        LOG.debugf("Cancellation of %s ignored: appointment is %s", reservationId, appointment.status);
                        return Uni.createFrom().voidItem();
                    }
                    return cancel(appointment, reason);
                });
    }

    @WithSession
    public Uni<Appointment> get(UUID reservationId) {
        return appointments.byId(reservationId)
                .onItem().ifNull().failWith(() -> ClinicException.appointmentNotFound(reservationId));
    }

    /** Staff's work list; a schedule named that does not exist is a 404, as reading it would be. */
    @WithSession
    public Uni<Paged<Appointments.Listed>> search(Appointments.Search search, PageRequest page) {
        Uni<Schedule> known = search.scheduleId() == null ? Uni.createFrom().nullItem() : schedule(search.scheduleId());
        return known.chain(ignored -> appointments.search(search, page));
    }

    @WithSession
    public Uni<Schedule> scheduleOf(Appointment appointment) {
        return schedules.byId(appointment.scheduleId);
    }

    private Uni<Void> cancel(Appointment appointment, CancelReason reason) {
        appointment.status = AppointmentStatus.CANCELLED;
        appointment.cancelReason = reason;
        appointment.updatedAt = Instant.now();
        return schedules.releaseSeat(appointment.scheduleId);
    }

    /** Takes a seat on a schedule that must exist; fails if it is full or withdrawn. */
    private Uni<Schedule> takeSeat(UUID scheduleId) {
        return schedules.takeSeat(scheduleId).flatMap(taken -> schedule(scheduleId).invoke(schedule -> {
            if (!taken) {
                throw ClinicException.noSeat(schedule);
            }
        }));
    }

    /** The schedule, if its day has not passed in the clinic's time zone (409 otherwise). */
    private Uni<Schedule> notPassed(UUID scheduleId) {
        return schedule(scheduleId).invoke(schedule -> {
            LocalDate today = LocalDate.now(clinicClock);
            if (schedule.hasPassed(today)) {
                throw ClinicException.dayPassed(schedule, today);
            }
        });
    }

    private Uni<Schedule> schedule(UUID scheduleId) {
        return schedules.byId(scheduleId).onItem().ifNull().failWith(() -> ClinicException.scheduleNotFound(scheduleId));
    }

    private Uni<Appointment> locked(UUID reservationId) {
        return appointments.lockedById(reservationId)
                .onItem().ifNull().failWith(() -> ClinicException.appointmentNotFound(reservationId));
    }

    private Uni<Appointment> active(UUID reservationId) {
        return locked(reservationId).invoke(appointment -> {
            if (!appointment.status.isActive()) {
                throw new ClinicException(Reason.APPOINTMENT_NOT_ACTIVE,
                        "Appointment " + reservationId + " is " + appointment.status);
            }
        });
    }
}
