package io.animalhospital.diagnosis.domain;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;

import io.animalhospital.diagnosis.messaging.DiagnosisEvents;
import io.animalhospital.diagnosis.messaging.DiagnosisEvents.AppointmentDeclined;
import io.animalhospital.diagnosis.messaging.Outbox;
import io.animalhospital.diagnosis.repository.AppointmentRepository;
import io.animalhospital.diagnosis.repository.ScheduleRepository;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;

/** Staff's side of schedules: create, resize, withdraw. Owns the transactions. */
@ApplicationScoped
public class ScheduleService {

    private final ScheduleRepository schedules;
    private final AppointmentRepository appointments;
    private final Outbox outbox;

    public ScheduleService(ScheduleRepository schedules, AppointmentRepository appointments, Outbox outbox) {
        this.schedules = schedules;
        this.appointments = appointments;
        this.outbox = outbox;
    }

    @WithTransaction
    public Uni<Schedule> create(String vet, LocalDate date, int capacity, boolean approvalRequired) {
        Schedule schedule = new Schedule();
        schedule.id = UUID.randomUUID();
        schedule.vet = vet.strip();
        schedule.date = date;
        schedule.capacity = capacity;
        schedule.approvalRequired = approvalRequired;
        schedule.createdAt = Instant.now();
        schedule.updatedAt = schedule.createdAt;
        return schedules.persist(schedule);
    }

    @WithSession
    public Uni<Schedule> get(UUID id) {
        return schedules.findById(id)
                .onItem().ifNull().failWith(() -> ClinicException.notFound("Schedule", id));
    }

    @WithSession
    public Uni<List<Schedule>> search(LocalDate date, String vet) {
        return schedules.search(date, vet);
    }

    /** Capacity may not go below the active appointments (409); both changes are optional. */
    @WithTransaction
    public Uni<Schedule> update(UUID id, Integer capacity, Boolean approvalRequired) {
        // The row lock makes concurrent seat-taking wait, so "booked" is exact while we compare.
        return lockedSchedule(id).invoke(schedule -> {
            if (schedule.withdrawn) {
                throw ClinicException.conflict("Schedule withdrawn", "Schedule " + id + " was withdrawn");
            }
            if (capacity != null && capacity < schedule.booked) {
                throw ClinicException.conflict("Capacity below bookings", "Schedule " + id + " has "
                        + schedule.booked + " active appointments; capacity " + capacity + " is too small");
            }
            if (capacity != null) {
                schedule.capacity = capacity;
            }
            if (approvalRequired != null) {
                schedule.approvalRequired = approvalRequired;
            }
            schedule.updatedAt = Instant.now();
        });
    }

    /**
     * Withdraws the schedule: every active appointment is cancelled, each announced as declined with reason
     * SCHEDULE_WITHDRAWN so that its reservation ends CANCELLED_BY_CLINIC.
     */
    @WithTransaction
    public Uni<Schedule> withdraw(UUID id) {
        return lockedSchedule(id)
                .call(schedule -> schedule.withdrawn ? Uni.createFrom().voidItem()
                        : appointments.activeBySchedule(id).flatMap(active -> Multi.createFrom().iterable(active)
                                .onItem().transformToUniAndConcatenate(appointment -> {
                                    Instant now = Instant.now();
                                    appointment.status = AppointmentStatus.CANCELLED;
                                    appointment.cancelReason = "SCHEDULE_WITHDRAWN";
                                    appointment.updatedAt = now;
                                    return outbox.append(DiagnosisEvents.TOPIC, new AppointmentDeclined(UUID.randomUUID(),
                                            now, appointment.reservationId, id, "SCHEDULE_WITHDRAWN", null,
                                            AppointmentStatus.CANCELLED.name()));
                                })
                                .collect().asList()))
                .invoke(schedule -> {
                    schedule.withdrawn = true;
                    schedule.booked = 0;
                    schedule.updatedAt = Instant.now();
                });
    }

    private Uni<Schedule> lockedSchedule(UUID id) {
        return schedules.find("id", id).withLock(LockModeType.PESSIMISTIC_WRITE).firstResult()
                .onItem().ifNull().failWith(() -> ClinicException.notFound("Schedule", id));
    }
}
