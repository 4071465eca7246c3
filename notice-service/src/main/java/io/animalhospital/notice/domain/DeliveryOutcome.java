package io.animalhospital.notice.domain;

import java.util.UUID;

/** What one channel call came to: {@code error} null when the channel took the message. */
public record DeliveryOutcome(UUID notificationId, String error) {
}
