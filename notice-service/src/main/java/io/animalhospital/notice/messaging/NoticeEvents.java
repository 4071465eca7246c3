package io.animalhospital.notice.messaging;

import java.time.Instant;
import java.util.UUID;

import io.animalhospital.notice.domain.Notification;
import io.animalhospital.platform.outbox.DomainEvent;

/**
 * The events notice-service publishes on {@code notice-events} (SPEC §4), as the contract
 * {@code events/notice-events.schema.json} describes them.
 */
public final class NoticeEvents {

    public static final String TOPIC = "notice-events";

    private NoticeEvents() {
    }

    public record NotificationSent(UUID eventId, Instant occurredAt, UUID reservationId, UUID notificationId,
            UUID sourceEventId, String sourceEventType, String recipient, String channel, String message,
            String status, int attempts, String lastError) implements DomainEvent {

        public static NotificationSent of(Notification n) {
            return new NotificationSent(UUID.randomUUID(), Instant.now(), n.reservationId, n.id, n.eventId,
                    n.eventType, n.recipient, n.channel.wireName(), n.message, n.status.name(), n.attempts,
                    n.lastError);
        }
    }

    public record NotificationFailed(UUID eventId, Instant occurredAt, UUID reservationId, UUID notificationId,
            UUID sourceEventId, String sourceEventType, String recipient, String channel, String message,
            String status, int attempts, String lastError) implements DomainEvent {

        public static NotificationFailed of(Notification n) {
            return new NotificationFailed(UUID.randomUUID(), Instant.now(), n.reservationId, n.id, n.eventId,
                    n.eventType, n.recipient, n.channel.wireName(), n.message, n.status.name(), n.attempts,
                    n.lastError);
        }
    }
}
