package io.animalhospital.lookup.domain;

/** A notification's delivery status as notice-service reports it (its events carry SENT or FAILED). */
public enum NotificationStatus {
    PENDING,
    SENT,
    FAILED
}
