package io.animalhospital.notice.domain;

/** A notification's delivery state: stored PENDING, then SENT, or FAILED after the last attempt. */
public enum NotificationStatus {
    PENDING,
    SENT,
    FAILED
}
