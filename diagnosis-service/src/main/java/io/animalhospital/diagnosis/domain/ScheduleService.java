package io.animalhospital.diagnosis.domain;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.animalhospital.diagnosis.domain.ClinicException.Reason;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;

/** Staff's side of schedules: create, resize, withdraw. */
@ApplicationScoped
public class ScheduleService {

    private final Schedules schedules;
    private final Appointments appointments;
    private final DiagnosisEvents events;

    public ScheduleService(Schedules schedules, Appointments appointments, DiagnosisEvents events) {
        this.schedules = schedules;
        this.appointments = appointments;
        this.events = events;
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
        return schedules.add(schedule);
    }

    @WithSession
    public Uni<Schedule> get(UUID id) {
        return schedules.byId(id).onItem().ifNull().failWith(() -> ClinicException.scheduleNotFound(id));
    }

    @WithSession
    public Uni<List<Schedule>> search(LocalDate date, String vet) {
        return schedules.search(date, vet);
    }

    /** Capacity may not go below the seat-holding appointments; both changes are optional. */
    @WithTransaction
    public Uni<Schedule> update(UUID id, Integer capacity, Boolean approvalRequired) {
        // The row lock makes concurrent seat-taking wait, so "booked" is exact while we compare.
        return locked(id).invoke(schedule -> {
            if (schedule.withdrawn) {
                throw new ClinicException(Reason.SCHEDULE_WITHDRAWN, "Schedule " + id + " was withdrawn");
            }
            if (capacity != null && capacity < schedule.booked) {
                throw new ClinicException(Reason.CAPACITY_BELOW_BOOKINGS, "Schedule " + id + " has "
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
        return locked(id)
                .call(schedule -> schedule.withdrawn ? Uni.createFrom().voidItem() : cancelAppointmentsOn(id))
                .invoke(schedule -> {
                    schedule.withdrawn = true;
                    schedule.booked = 0;
                    schedule.updatedAt = Instant.now();
                });
    }

    private Uni<List<Void>> cancelAppointmentsOn(UUID scheduleId) {
        return appointments.activeOnSchedule(scheduleId).flatMap(active -> Multi.createFrom().iterable(active)
                .onItem().transformToUniAndConcatenate(this::withdrawn)
                .collect().asList());
    }

    private Uni<Void> withdrawn(Appointment appointment) {
        appointment.status = AppointmentStatus.CANCELLED;
        appointment.cancelReason = CancelReason.SCHEDULE_WITHDRAWN;
        appointment.updatedAt = Instant.now();
        return events.declined(appointment, null);
    }

    private Uni<Schedule> locked(UUID id) {
        return schedules.lockedById(id).onItem().ifNull().failWith(() -> ClinicException.scheduleNotFound(id));
    }
}
