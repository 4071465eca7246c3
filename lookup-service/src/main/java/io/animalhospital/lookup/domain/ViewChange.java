package io.animalhospital.lookup.domain;

import java.time.Instant;
import java.util.UUID;
import java.util.function.Consumer;

import io.animalhospital.lookup.domain.ViewParts.Details;
import io.animalhospital.lookup.domain.ViewParts.Notification;
import io.animalhospital.lookup.domain.ViewParts.Treatment;

/**
 * One event's effect on its reservation's view, decided from the event alone (no database): the projection
 * applies it under the view's row lock, once per event ({@link ReservationStatusView#admit}).
 */
public record ViewChange(Origin origin, Consumer<ReservationStatusView> effect) {

    /** The event a change comes from: its reservation, id, time and type (the type is shown in the history). */
    public record Origin(UUID reservationId, UUID eventId, Instant at, String eventType) {
    }

    public UUID reservationId() {
        return origin.reservationId();
    }

    public UUID eventId() {
        return origin.eventId();
    }

    public Instant occurredAt() {
        return origin.at();
    }

    /** A reservation's new status and (when the event has it) its snapshot; the appointment's status follows. */
    public static ViewChange reservation(Origin origin, ReservationStatus status, Details details) {
        Instant at = origin.at();
        return new ViewChange(origin, view -> {
            if (details != null) {
                view.details(details, at);
            }
            view.reservationStatus(status, at);
            view.appointmentStatus(status == null ? null : status.appointment(), at);
            view.history(origin.eventId(), status, at, origin.eventType());
        });
    }

    /** An appointment's new status; a treatment comes with its summary. */
    public static ViewChange appointment(Origin origin, AppointmentStatus status, Treatment treatment) {
        Instant at = origin.at();
        return new ViewChange(origin, view -> {
            view.appointmentStatus(status, at);
            view.treatment(treatment, at);
            view.history(origin.eventId(), status, at, origin.eventType());
        });
    }

    /** A bill issued or paid. */
    public static ViewChange bill(Origin origin, UUID billId, Long total, BillStatus status) {
        Instant at = origin.at();
        return new ViewChange(origin, view -> {
            view.bill(billId, total, status, at);
            view.history(origin.eventId(), status, at, origin.eventType());
        });
    }

    /** A notification is news about the reservation, not a change of its status: no history entry. */
    public static ViewChange notification(Origin origin, Notification notification) {
        return new ViewChange(origin, view -> view.notification(notification));
    }
}
