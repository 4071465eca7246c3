package io.animalhospital.diagnosis.domain;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.animalhospital.diagnosis.messaging.DiagnosisEvents;
import io.animalhospital.diagnosis.messaging.DiagnosisEvents.AppointmentApproved;
import io.animalhospital.diagnosis.messaging.DiagnosisEvents.AppointmentDeclined;
import io.animalhospital.diagnosis.messaging.DiagnosisEvents.AppointmentMoved;
import io.animalhospital.diagnosis.messaging.DiagnosisEvents.Treated;
import io.animalhospital.diagnosis.messaging.Outbox;
import io.animalhospital.diagnosis.repository.AppointmentRepository;
import io.animalhospital.diagnosis.repository.ScheduleRepository;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;

/** Appointments: booking and moving seats (reservation-service's calls), approval, decline, treatment. */
@ApplicationScoped
public class AppointmentService {

    private static final Logger LOG = Logger.getLogger(AppointmentService.class);

    private final AppointmentRepository appointments;
    private final ScheduleRepository schedules;
    private final Outbox outbox;

    public AppointmentService(AppointmentRepository appointments, ScheduleRepository schedules, Outbox outbox) {
        this.appointments = appointments;
        this.schedules = schedules;
        this.outbox = outbox;
    }

    /** The outcome of a booking call: the appointment, its schedule, and whether this call created it. */
    public record Booking(Appointment appointment, Schedule schedule, boolean created) {
    }

    /**
     * Takes one seat atomically and creates the appointment. Idempotent per reservation: a repeated call returns
     * the existing appointment and takes no second seat.
     */
    @WithTransaction
    public Uni<Booking> book(UUID reservationId, UUID scheduleId, String petName, String reason) {
        return appointments.findById(reservationId).flatMap(existing -> {
            if (existing != null) {
                return schedules.findById(existing.scheduleId).map(s -> new Booking(existing, s, false));
            }
            return appointments.wasCancelled(reservationId).flatMap(cancelled -> {
                if (cancelled) {
                    return Uni.createFrom().failure(ClinicException.conflict("Reservation cancelled",
                            "Reservation " + reservationId + " was cancelled before it was booked"));
                }
                return schedules.findById(scheduleId).flatMap(schedule -> {
                    if (schedule == null) {
                        return Uni.createFrom().failure(ClinicException.notFound("Schedule", scheduleId));
                    }
                    Appointment appointment = new Appointment();
                    appointment.reservationId = reservationId;
                    appointment.scheduleId = scheduleId;
                    appointment.status = schedule.approvalRequired ? AppointmentStatus.AWAITING_APPROVAL
                            : AppointmentStatus.BOOKED;
                    appointment.petName = petName;
                    appointment.reason = reason;
                    appointment.createdAt = Instant.now();
                    appointment.updatedAt = appointment.createdAt;
                    // The seat is taken last: the schedule's row, which every booking of that day needs, stays
                    // locked only from this conditional UPDATE to the commit. No seat, no appointment (rollback).
                    return appointments.persistAndFlush(appointment)
                            .flatMap(a -> schedules.takeSeat(scheduleId))
                            .flatMap(taken -> taken
                                    ? Uni.createFrom().item(new Booking(appointment, schedule, true))
                                    : Uni.createFrom().failure(noSeat(schedule)));
                });
            });
        });
    }

    /**
     * Moves the seat to another schedule, all or nothing: if the new one is full the old seat is kept. The move's
     * event reaches reservation-service even if this call's answer does not.
     */
    @WithTransaction
    public Uni<Booking> move(UUID reservationId, UUID scheduleId) {
        return active(reservationId).flatMap(appointment -> {
            if (appointment.scheduleId.equals(scheduleId)) {
                return schedules.findById(scheduleId).map(s -> new Booking(appointment, s, false));
            }
            UUID previous = appointment.scheduleId;
            return takeSeat(scheduleId)
                    .call(ignored -> schedules.releaseSeat(previous))
                    .flatMap(schedule -> {
                        appointment.scheduleId = scheduleId;
                        appointment.status = schedule.approvalRequired ? AppointmentStatus.AWAITING_APPROVAL
                                : AppointmentStatus.BOOKED;
                        appointment.updatedAt = Instant.now();
                        return outbox.append(DiagnosisEvents.TOPIC, new AppointmentMoved(UUID.randomUUID(),
                                appointment.updatedAt, reservationId, scheduleId, previous, schedule.vet,
                                schedule.date, appointment.status.name()))
                                .replaceWith(new Booking(appointment, schedule, false));
                    });
        });
    }

    @WithTransaction
    public Uni<Appointment> approve(UUID reservationId) {
        return locked(reservationId).flatMap(appointment -> {
            if (appointment.status != AppointmentStatus.AWAITING_APPROVAL) {
                return Uni.createFrom().failure(ClinicException.conflict("Not awaiting approval",
                        "Appointment " + reservationId + " is " + appointment.status));
            }
            appointment.status = AppointmentStatus.BOOKED;
            appointment.updatedAt = Instant.now();
            return outbox.append(DiagnosisEvents.TOPIC, new AppointmentApproved(UUID.randomUUID(),
                    appointment.updatedAt, reservationId, appointment.scheduleId, appointment.status.name()))
                    .replaceWith(appointment);
        });
    }

    /** Staff decline an awaiting or booked appointment: the seat comes back, the reservation is cancelled. */
    @WithTransaction
    public Uni<Appointment> decline(UUID reservationId, String note) {
        return locked(reservationId).flatMap(appointment -> {
            if (!appointment.status.isActive()) {
                return Uni.createFrom().failure(ClinicException.conflict("Cannot decline",
                        "Appointment " + reservationId + " is " + appointment.status));
            }
            return cancel(appointment, "DECLINED")
                    .call(() -> outbox.append(DiagnosisEvents.TOPIC, new AppointmentDeclined(UUID.randomUUID(),
                            appointment.updatedAt, reservationId, appointment.scheduleId, "DECLINED", note,
                            appointment.status.name())))
                    .replaceWith(appointment);
        });
    }

    @WithTransaction
    public Uni<Appointment> treat(UUID reservationId, MedicalRecord record) {
        return locked(reservationId).flatMap(appointment -> {
            if (appointment.status != AppointmentStatus.BOOKED) {
                return Uni.createFrom().failure(ClinicException.conflict("Cannot record treatment",
                        "Appointment " + reservationId + " is " + appointment.status + "; only BOOKED can be treated"));
            }
            appointment.status = AppointmentStatus.TREATED;
            appointment.doctor = record.doctor();
            appointment.medicalOpinion = record.medicalOpinion();
            appointment.treatment = record.treatment();
            appointment.prescription = record.prescription();
            appointment.items = List.copyOf(record.items());
            appointment.updatedAt = Instant.now();
            return outbox.append(DiagnosisEvents.TOPIC, new Treated(UUID.randomUUID(), appointment.updatedAt,
                    reservationId, appointment.scheduleId, appointment.status.name(), MedicalRecord.of(appointment)))
                    .replaceWith(appointment);
        });
    }

    /**
     * The reservation was cancelled (by the customer, or because its booking answer was lost): give the seat back.
     * If the appointment does not exist yet, remember the cancellation so that a late booking is refused.
     * Called inside the consumer's transaction.
     */
    public Uni<Void> reservationCancelled(UUID reservationId, String reason) {
        return appointments.findForUpdate(reservationId).flatMap(appointment -> {
            if (appointment == null) {
                return appointments.rememberCancelled(reservationId).replaceWithVoid();
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
        return appointments.findById(reservationId)
                .onItem().ifNull().failWith(() -> ClinicException.notFound("Appointment", reservationId));
    }

    public record ScheduleAppointments(Schedule schedule, List<Appointment> appointments) {
    }

    @WithSession
    public Uni<ScheduleAppointments> bySchedule(UUID scheduleId) {
        return schedules.findById(scheduleId)
                .onItem().ifNull().failWith(() -> ClinicException.notFound("Schedule", scheduleId))
                .flatMap(s -> appointments.bySchedule(scheduleId).map(list -> new ScheduleAppointments(s, list)));
    }

    @WithSession
    public Uni<Schedule> scheduleOf(Appointment appointment) {
        return schedules.findById(appointment.scheduleId);
    }

    private Uni<Void> cancel(Appointment appointment, String reason) {
        appointment.status = AppointmentStatus.CANCELLED;
        appointment.cancelReason = reason;
        appointment.updatedAt = Instant.now();
        return schedules.releaseSeat(appointment.scheduleId);
    }

    /** Takes a seat: 404 if there is no such schedule, 409 if it is full or withdrawn. */
    private Uni<Schedule> takeSeat(UUID scheduleId) {
        return schedules.takeSeat(scheduleId).flatMap(taken -> schedules.findById(scheduleId).flatMap(schedule -> {
            if (schedule == null) {
                return Uni.createFrom().failure(ClinicException.notFound("Schedule", scheduleId));
            }
            if (!taken) {
                return Uni.createFrom().failure(schedule.withdrawn
                        ? ClinicException.conflict("Schedule withdrawn", "Schedule " + scheduleId + " was withdrawn")
                        : ClinicException.conflict("Schedule full", "Schedule " + scheduleId + " has no seat left"));
            }
            return Uni.createFrom().item(schedule);
        }));
    }

    private static ClinicException noSeat(Schedule schedule) {
        return schedule.withdrawn
                ? ClinicException.conflict("Schedule withdrawn", "Schedule " + schedule.id + " was withdrawn")
                : ClinicException.conflict("Schedule full", "Schedule " + schedule.id + " has no seat left");
    }

    private Uni<Appointment> locked(UUID reservationId) {
        return appointments.findForUpdate(reservationId)
                .onItem().ifNull().failWith(() -> ClinicException.notFound("Appointment", reservationId));
    }

    private Uni<Appointment> active(UUID reservationId) {
        return locked(reservationId).invoke(appointment -> {
            if (!appointment.status.isActive()) {
                throw ClinicException.conflict("Appointment not active",
                        "Appointment " + reservationId + " is " + appointment.status);
            }
        });
    }
}
