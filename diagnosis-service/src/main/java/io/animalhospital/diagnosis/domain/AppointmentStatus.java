package io.animalhospital.diagnosis.domain;

public enum AppointmentStatus {
    AWAITING_APPROVAL,
    BOOKED,
    TREATED,
    CANCELLED;

    /** Active appointments hold a seat of their schedule and may still be cancelled. */
    public boolean isActive() {
        return this == AWAITING_APPROVAL || this == BOOKED;
    }

    /** The status of an appointment that just took a seat on the schedule. */
    public static AppointmentStatus onBooking(Schedule schedule) {
        return schedule.approvalRequired ? AWAITING_APPROVAL : BOOKED;
    }
}
