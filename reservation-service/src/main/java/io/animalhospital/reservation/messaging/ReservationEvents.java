package io.animalhospital.reservation.messaging;

import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

import io.animalhospital.reservation.domain.Reservation;

/** The events reservation-service publishes on {@code reservation-events} (SPEC §4). */
public final class ReservationEvents {

    public static final String TOPIC = "reservation-events";

    private ReservationEvents() {
    }

    /** The reservation as it is after the change: consumers keep their own copies from it. */
    public record Snapshot(UUID id, String status, UUID scheduleId, String vet, LocalDate date, String ownerName,
            String phone, String email, String petName, String species, String reason, Instant createdAt,
            Instant updatedAt) {

        public static Snapshot of(Reservation r) {
            return new Snapshot(r.id, r.status.name(), r.scheduleId, r.vet, r.date, r.ownerName, r.phone, r.email,
                    r.petName, r.species, r.reason, r.createdAt, r.updatedAt);
        }
    }

    public record ReservationPlaced(UUID eventId, Instant occurredAt, UUID reservationId, String status,
            Snapshot reservation) implements DomainEvent {
    }

    public record ReservationChanged(UUID eventId, Instant occurredAt, UUID reservationId, String status,
            Snapshot reservation) implements DomainEvent {
    }

    public record ReservationApproved(UUID eventId, Instant occurredAt, UUID reservationId, String status,
            Snapshot reservation) implements DomainEvent {
    }

    /** {@code reason}: CUSTOMER, DECLINED, SCHEDULE_WITHDRAWN, or NOT_CONFIRMED (a placement that never completed). */
    public record ReservationCancelled(UUID eventId, Instant occurredAt, UUID reservationId, String status,
            String reason, Snapshot reservation) implements DomainEvent {
    }

    public record ReservationTreated(UUID eventId, Instant occurredAt, UUID reservationId, String status,
            Snapshot reservation) implements DomainEvent {
    }
}
