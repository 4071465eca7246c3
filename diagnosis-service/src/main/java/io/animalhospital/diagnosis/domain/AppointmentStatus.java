package io.animalhospital.diagnosis.domain;

public enum AppointmentStatus {
    AWAITING_APPROVAL,
    BOOKED,
    TREATED,
    CANCELLED;

    /** Active appointments hold a seat of their schedule. */
    public boolean isActive() {
        return this == AWAITING_APPROVAL || this == BOOKED;
    }
}
