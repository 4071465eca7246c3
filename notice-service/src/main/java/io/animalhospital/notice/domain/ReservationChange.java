package io.animalhospital.notice.domain;

import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

/**
 * A reservation's status changed (any event of reservation-service): what its notification needs. {@code reason}
 * is set on cancellations only; {@code contact} is the reservation as it was after the change.
 */
public record ReservationChange(UUID eventId, String type, UUID reservationId, String status, String reason,
        Contact contact) {

    /** The reservation's contact and visit at the change; vet, date and e-mail may be null. */
    public record Contact(String status, String ownerName, String phone, String email, String petName, String vet,
            LocalDate date, Instant updatedAt) {
    }
}
