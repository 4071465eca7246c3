package io.animalhospital.notice.rest;

import java.time.Instant;
import java.util.UUID;

import io.animalhospital.notice.domain.Notification;

/**
 * The notification representation (SPEC §3); {@code createdAt}, {@code nextAttemptAt} and {@code audience}
 * ({@code CUSTOMER}, or {@code CLINIC} for the clinic's own, which only staff see) are extras.
 */
public record NotificationView(UUID id, UUID eventId, String eventType, UUID reservationId, String recipient,
        String channel, String message, String status, int attempts, String lastError, Instant sentAt,
        Instant createdAt, Instant nextAttemptAt, String audience) {

    public static NotificationView of(Notification n) {
        return new NotificationView(n.id, n.eventId, n.eventType, n.reservationId, n.recipient,
                n.channel == null ? null : n.channel.wireName(), n.message, n.status.name(), n.attempts, n.lastError,
                n.sentAt, n.createdAt, n.nextAttemptAt, n.audience.name());
    }
}
