package io.animalhospital.lookup.messaging;

/** The events of reservation-events (reservation-service's schema); the view shows every one. */
public enum ReservationEventType {
    ReservationPlaced,
    ReservationChanged,
    ReservationApproved,
    ReservationCancelled,
    ReservationTreated
}
