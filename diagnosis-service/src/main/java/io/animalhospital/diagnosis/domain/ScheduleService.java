package io.animalhospital.diagnosis.domain;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.animalhospital.diagnosis.domain.ClinicException.Reason;
import io.animalhospital.platform.paging.PageRequest;
import io.animalhospital.platform.paging.Paged;
import io.animalhospital.platform.security.Caller;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;

/**
 * Staff's side of schedules: create, resize, withdraw, each recorded with who did it. Reading them is open to anyone.
 */
@ApplicationScoped
public class ScheduleService {

    private final Schedules schedules;
    private final Appointments appointments;
    private final DiagnosisEvents events;
    private final Clock clinicClock;

    /** @param clinicClock in the clinic's time zone: its "today" decides which days have passed */
    public ScheduleService(Schedules schedules, Appointments appointments, DiagnosisEvents events, Clock clinicClock) {
        this.schedules = schedules;
        this.appointments = appointments;
        this.events = events;
        this.clinicClock = clinicClock;
    }

    /** A day that has passed at the clinic cannot be opened (400): nobody could book it. */
    @WithTransaction
    public Uni<Schedule> create(String vet, LocalDate date, int capacity, boolean approvalRequired, Caller caller) {
        LocalDate today = LocalDate.now(clinicClock);
        if (date.isBefore(today)) {
            return Uni.createFrom().failure(ClinicException.dateInPast(date, today));
        }
        Schedule schedule = new Schedule();
        schedule.id = UUID.randomUUID();
        schedule.vet = vet.strip();
        schedule.date = date;
        schedule.capacity = capacity;
        schedule.approvalRequired = approvalRequired;
        schedule.createdAt = Instant.now(clinicClock);
        schedule.updatedAt = schedule.createdAt;
        schedule.createdBy = StaffAction.by(caller, schedule.createdAt);
        return schedules.add(schedule);
    }

    @WithSession
    public Uni<Schedule> get(UUID id) {
        return schedules.byId(id).onItem().ifNull().failWith(() -> ClinicException.scheduleNotFound(id));
    }

    @WithSession
    public Uni<Paged<Schedule>> search(Schedules.Search search, PageRequest page) {
        return schedules.search(search, page);
    }

    /** Capacity may not go below the seat-holding appointments; both changes are optional. */
    @WithTransaction
    public Uni<Schedule> update(UUID id, Integer capacity, Boolean approvalRequired, Caller caller) {
        StaffAction action = StaffAction.by(caller, Instant.now(clinicClock));
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
            schedule.updatedAt = action.at();
            schedule.updatedBy = action;
        });
    }

    /**
     * Withdraws the schedule: every active appointment is cancelled, each announced as declined with reason
     * SCHEDULE_WITHDRAWN so that its reservation ends CANCELLED_BY_CLINIC.
     */
    @WithTransaction
    public Uni<Schedule> withdraw(UUID id, Caller caller) {
        StaffAction action = StaffAction.by(caller, Instant.now(clinicClock));
        return locked(id).call(schedule -> schedule.withdrawn
                ? Uni.createFrom().voidItem() // withdrawn before: the first withdrawal stays on record
                : cancelAppointmentsOn(id, action).invoke(() -> {
                    schedule.withdrawn = true;
                    schedule.booked = 0;
                    schedule.updatedAt = action.at();
                    schedule.updatedBy = action;
                    schedule.withdrawnBy = action;
                }));
    }

    private Uni<List<Void>> cancelAppointmentsOn(UUID scheduleId, StaffAction action) {
        return appointments.activeOnSchedule(scheduleId).flatMap(active -> Multi.createFrom().iterable(active)
                .onItem().transformToUniAndConcatenate(appointment -> withdrawn(appointment, action))
                .collect().asList());
    }

    /** Cancelled by whoever withdrew the schedule: to its reservation, a decline by the clinic. */
    private Uni<Void> withdrawn(Appointment appointment, StaffAction action) {
        appointment.status = AppointmentStatus.CANCELLED;
        appointment.cancelReason = CancelReason.SCHEDULE_WITHDRAWN;
        appointment.updatedAt = action.at();
        appointment.declinedBy = action;
        return events.declined(appointment, null);
    }

    private Uni<Schedule> locked(UUID id) {
        return schedules.lockedById(id).onItem().ifNull().failWith(() -> ClinicException.scheduleNotFound(id));
    }
}
