package io.animalhospital.notice.domain;

import java.util.UUID;

/** One claimed notification on its way through a channel: everything a channel needs, nothing it may change. */
public record Delivery(UUID notificationId, UUID eventId, String eventType, UUID reservationId, String recipient,
        ChannelKind channel, Language language, String message, int attempt, Audience audience) {
}
