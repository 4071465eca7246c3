package io.animalhospital.platform.testapp;

import java.time.Instant;
import java.util.UUID;

import io.animalhospital.platform.outbox.DomainEvent;

public record NoteWritten(UUID eventId, Instant occurredAt, UUID reservationId, String text) implements DomainEvent {
}
