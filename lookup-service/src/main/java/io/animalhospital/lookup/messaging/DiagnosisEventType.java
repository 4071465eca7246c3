package io.animalhospital.lookup.messaging;

import io.animalhospital.lookup.domain.AppointmentStatus;

/** The events of diagnosis-events (diagnosis-service's schema), with the appointment status each one shows. */
public enum DiagnosisEventType {
    AppointmentApproved(AppointmentStatus.BOOKED),
    AppointmentDeclined(AppointmentStatus.CANCELLED),
    /** The reservation's own events tell the view where it went: nothing to show. */
    AppointmentMoved(null),
    Treated(AppointmentStatus.TREATED);

    /** The status the event shows when it carries none; null when the view does not show the event. */
    final AppointmentStatus status;

    DiagnosisEventType(AppointmentStatus status) {
        this.status = status;
    }

    boolean shown() {
        return status != null;
    }
}
