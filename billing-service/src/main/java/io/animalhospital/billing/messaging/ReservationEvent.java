package io.animalhospital.billing.messaging;

import java.time.Instant;
import java.util.UUID;

/**
 * What billing reads of any event on {@code reservation-events} (reservation-service's contract): whose the
 * reservation is, from the snapshot of the reservation after the change, and the snapshot's version.
 */
record ReservationEvent(UUID eventId, UUID reservationId, Snapshot reservation) {

    record Snapshot(String phone, Instant updatedAt) {
    }

    boolean carriesPhone() {
        return reservation != null && reservation.phone() != null && !reservation.phone().isBlank();
    }
}
