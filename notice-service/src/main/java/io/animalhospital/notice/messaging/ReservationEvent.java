package io.animalhospital.notice.messaging;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Set;
import java.util.UUID;

/** What this service reads of reservation-service's events on {@code reservation-events} (SPEC §4). */
public final class ReservationEvents {

    public static final String TOPIC = "reservation-events";

    /** Every one of them is a status change of the reservation, and each gets a notification. */
    public static final Set<String> TYPES = Set.of("ReservationPlaced", "ReservationChanged", "ReservationApproved",
            "ReservationCancelled", "ReservationTreated");

    private ReservationEvents() {
    }

    /** The reservation as it was after the change; {@code vet}, {@code date} and {@code email} may be null. */
    public record Snapshot(UUID id, String status, UUID scheduleId, String vet, LocalDate date, String ownerName,
            String phone, String email, String petName, String species, String reason, Instant createdAt,
            Instant updatedAt) {
    }

    /** Any of the five events; {@code reason} only on ReservationCancelled. */
    public record ReservationEvent(UUID eventId, String type, Instant occurredAt, UUID reservationId, String status,
            String reason, Snapshot reservation) {
    }
}
