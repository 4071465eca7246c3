package io.animalhospital.reservation.messaging;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.animalhospital.platform.outbox.DomainEvent;
import io.animalhospital.platform.outbox.Outbox;
import io.animalhospital.reservation.domain.Reservation;
import io.animalhospital.reservation.domain.ReservationEvents;
import io.smallrye.mutiny.Uni;

/**
 * The events reservation-service publishes on {@code reservation-events}, written to the outbox in the caller's
 * transaction. The records below are the contract: {@code src/main/resources/events/reservation-events.schema.json}.
 */
@ApplicationScoped
public class ReservationEventsOutbox implements ReservationEvents {

    public static final String TOPIC = "reservation-events";

    private final Outbox outbox;

    public ReservationEventsOutbox(Outbox outbox) {
        this.outbox = outbox;
    }

    @Override
    public Uni<Void> placed(Reservation r) {
        return outbox.append(TOPIC, new ReservationPlaced(UUID.randomUUID(), r.updatedAt, r.id, r.status.name(),
                Snapshot.of(r)));
    }

    @Override
    public Uni<Void> changed(Reservation r) {
        return outbox.append(TOPIC, new ReservationChanged(UUID.randomUUID(), r.updatedAt, r.id, r.status.name(),
                Snapshot.of(r)));
    }

    @Override
    public Uni<Void> approved(Reservation r) {
        return outbox.append(TOPIC, new ReservationApproved(UUID.randomUUID(), r.updatedAt, r.id, r.status.name(),
                Snapshot.of(r)));
    }

    @Override
    public Uni<Void> cancelled(Reservation r) {
        return outbox.append(TOPIC, cancellation(r));
    }

    @Override
    public Uni<Void> treated(Reservation r) {
        return outbox.append(TOPIC, new ReservationTreated(UUID.randomUUID(), r.updatedAt, r.id, r.status.name(),
                Snapshot.of(r)));
    }

    @Override
    public Uni<UUID> cancelledUnlessConfirmed(Reservation attempted, Duration hold) {
        ReservationCancelled event = cancellation(attempted);
        return outbox.hold(TOPIC, event, hold).replaceWith(event.eventId());
    }

    @Override
    public Uni<Boolean> release(UUID heldEvent) {
        return outbox.release(heldEvent);
    }

    @Override
    public Uni<Boolean> withdraw(UUID heldEvent) {
        return outbox.withdraw(heldEvent);
    }

    private static ReservationCancelled cancellation(Reservation r) {
        return new ReservationCancelled(UUID.randomUUID(), r.updatedAt, r.id, r.status.name(), r.cancelReason.name(),
                Snapshot.of(r));
    }

    /** The reservation as it is after the change: consumers keep their own copies from it. */
    public record Snapshot(UUID id, String status, UUID scheduleId, String vet, LocalDate date, String ownerName,
            String phone, String email, String petName, String species, String reason, Instant createdAt,
            Instant updatedAt) {

        static Snapshot of(Reservation r) {
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

    /** {@code reason}: CUSTOMER, DECLINED, SCHEDULE_WITHDRAWN, or NOT_CONFIRMED (a placement never recorded). */
    public record ReservationCancelled(UUID eventId, Instant occurredAt, UUID reservationId, String status,
            String reason, Snapshot reservation) implements DomainEvent {
    }

    public record ReservationTreated(UUID eventId, Instant occurredAt, UUID reservationId, String status,
            Snapshot reservation) implements DomainEvent {
    }
}
