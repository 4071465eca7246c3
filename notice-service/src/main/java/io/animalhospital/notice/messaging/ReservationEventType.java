package io.animalhospital.notice.messaging;

/** The event types of {@code reservation-events}: each is a status change, and each gets a notification. */
enum ReservationEventType {
    ReservationPlaced,
    ReservationChanged,
    ReservationApproved,
    ReservationCancelled,
    ReservationTreated
}
