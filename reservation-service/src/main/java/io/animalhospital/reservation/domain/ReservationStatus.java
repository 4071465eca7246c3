package io.animalhospital.reservation.domain;

public enum ReservationStatus {
    AWAITING_APPROVAL,
    RESERVED,
    CANCELLED,
    CANCELLED_BY_CLINIC,
    TREATED;

    /** Holds a seat in diagnosis-service. */
    public boolean isActive() {
        return this == AWAITING_APPROVAL || this == RESERVED;
    }
}
