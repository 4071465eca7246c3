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

    /** Diagnosis's appointment status decides the reservation's status when a seat is booked or moved. */
    public static ReservationStatus ofAppointment(String appointmentStatus) {
        return "AWAITING_APPROVAL".equals(appointmentStatus) ? AWAITING_APPROVAL : RESERVED;
    }
}
