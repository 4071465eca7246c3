package io.animalhospital.billing.messaging;

/** The event types of {@code reservation-events}: each carries the reservation's snapshot, phone included. */
enum ReservationEventType {
    ReservationPlaced,
    ReservationChanged,
    ReservationApproved,
    ReservationCancelled,
    ReservationTreated
}
