package io.animalhospital.lookup.domain;

import java.time.Instant;
import java.util.UUID;
import java.util.function.Consumer;

/**
 * One event's effect on its reservation's view, decided from the event alone (no database): the projection
 * applies it under the view's row lock, once per event ({@link ReservationStatusView#admit}).
 */
public record ViewChange(UUID reservationId, UUID eventId, Instant occurredAt, Consumer<ReservationStatusView> change) {
}
