package io.animalhospital.lookup.messaging;

import io.animalhospital.lookup.domain.NotificationStatus;

/** The events of notice-events (notice-service's schema), with the delivery status each one shows. */
public enum NoticeEventType {
    NotificationSent(NotificationStatus.SENT),
    NotificationFailed(NotificationStatus.FAILED);

    /** The status the event shows when it carries none. */
    final NotificationStatus status;

    NoticeEventType(NotificationStatus status) {
        this.status = status;
    }
}
