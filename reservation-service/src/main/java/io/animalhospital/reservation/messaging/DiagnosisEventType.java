package io.animalhospital.reservation.messaging;

/** The event types of {@code diagnosis-events} (diagnosis-service's schema). */
enum DiagnosisEventType {
    AppointmentApproved,
    AppointmentDeclined,
    AppointmentMoved,
    Treated
}
