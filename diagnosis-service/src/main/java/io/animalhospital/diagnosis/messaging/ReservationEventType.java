package io.animalhospital.diagnosis.messaging;

/** The event types of {@code reservation-events} (reservation-service's schema). */
enum ReservationEventType {
    ReservationPlaced,
    ReservationChanged,
    ReservationApproved,
    ReservationCancelled,
    ReservationTreated
}
