package io.animalhospital.billing.messaging;

/** The event types of {@code diagnosis-events}; billing acts on {@code Treated} only. */
enum DiagnosisEventType {
    AppointmentApproved,
    AppointmentDeclined,
    AppointmentMoved,
    Treated
}
