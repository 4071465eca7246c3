package io.animalhospital.notice.messaging;

import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

import io.animalhospital.notice.domain.ReservationChange;

/**
 * What notice reads of any event on {@code reservation-events} (reservation-service's contract): the status, the
 * cancellation reason, and the contact and visit from the reservation's snapshot.
 */
record ReservationEvent(UUID eventId, UUID reservationId, String status, String reason, Snapshot reservation) {

    record Snapshot(String status, String ownerName, String phone, String email, String petName, String vet,
            LocalDate date, Instant updatedAt) {
    }

    ReservationChange change(ReservationEventType type) {
        ReservationChange.Contact contact = reservation == null ? null
                : new ReservationChange.Contact(reservation.status(), reservation.ownerName(), reservation.phone(),
                        reservation.email(), reservation.petName(), reservation.vet(), reservation.date(),
                        reservation.updatedAt());
        return new ReservationChange(eventId, type.name(), reservationId, status, reason, contact);
    }
}
