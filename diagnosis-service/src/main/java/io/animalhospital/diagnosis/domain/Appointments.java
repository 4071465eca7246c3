package io.animalhospital.diagnosis.domain;

import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import io.animalhospital.platform.paging.PageRequest;
import io.animalhospital.platform.paging.Paged;
import io.smallrye.mutiny.Uni;

/** The appointments diagnosis keeps, one per reservation. */
public interface Appointments {

    Uni<Appointment> byId(UUID reservationId);

    /** Row-locked read: concurrent changes of one appointment (staff, events) apply one after the other. */
    Uni<Appointment> lockedById(UUID reservationId);

    /** Adds the appointment and writes it at once (before the seat's row is locked). */
    Uni<Void> add(Appointment appointment);

    /** Which appointments a work list shows; every field optional (none: every appointment, cancelled ones too). */
    record Search(LocalDate date, AppointmentStatus status, UUID scheduleId, String vet) {
    }

    /** An appointment with its schedule (the vet and the day). */
    record Listed(Appointment appointment, Schedule schedule) {
    }

    /** One page of the appointments matching the search, ordered by date, vet, createdAt, reservationId. */
    Uni<Paged<Listed>> search(Search search, PageRequest page);

    /** The seat-holding appointments that can still be cancelled (awaiting approval or booked). */
    Uni<List<Appointment>> activeOnSchedule(UUID scheduleId);

    /**
     * Makes a booking and a cancellation of one reservation take turns until the transaction ends: neither sees
     * the other's uncommitted insert (the appointment, the remembered cancellation), so without it both could pass.
     */
    Uni<Void> lockReservation(UUID reservationId);

    /** Remembers a reservation cancelled before its appointment existed, so a late booking is refused. */
    Uni<Void> rememberCancelled(UUID reservationId);

    Uni<Boolean> wasCancelled(UUID reservationId);
}
