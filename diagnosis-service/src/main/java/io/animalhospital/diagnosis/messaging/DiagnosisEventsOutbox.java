package io.animalhospital.diagnosis.messaging;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.animalhospital.diagnosis.domain.Appointment;
import io.animalhospital.diagnosis.domain.DiagnosisEvents;
import io.animalhospital.diagnosis.domain.Schedule;
import io.animalhospital.diagnosis.domain.StaffAction;
import io.animalhospital.platform.outbox.DomainEvent;
import io.animalhospital.platform.outbox.Outbox;
import io.smallrye.mutiny.Uni;

/**
 * The events diagnosis-service publishes on {@code diagnosis-events}, written to the outbox in the caller's
 * transaction. The records below are the contract: {@code src/main/resources/events/diagnosis-events.schema.json}.
 */
@ApplicationScoped
public class DiagnosisEventsOutbox implements DiagnosisEvents {

    public static final String TOPIC = "diagnosis-events";

    private final Outbox outbox;

    public DiagnosisEventsOutbox(Outbox outbox) {
        this.outbox = outbox;
    }

    @Override
    public Uni<Void> approved(Appointment a) {
        return append(new AppointmentApproved(UUID.randomUUID(), a.updatedAt, a.reservationId, a.scheduleId,
                a.status.name(), Staff.of(a.approvedBy)));
    }

    @Override
    public Uni<Void> declined(Appointment a, String note) {
        return append(new AppointmentDeclined(UUID.randomUUID(), a.updatedAt, a.reservationId, a.scheduleId,
                a.cancelReason.name(), note, a.status.name(), Staff.of(a.declinedBy)));
    }

    @Override
    public Uni<Void> moved(Appointment a, UUID previousScheduleId, Schedule to) {
        return append(new AppointmentMoved(UUID.randomUUID(), a.updatedAt, a.reservationId, a.scheduleId,
                previousScheduleId, to.vet, to.date, a.status.name()));
    }

    @Override
    public Uni<Void> treated(Appointment a) {
        List<Item> items = a.items.stream().map(i -> new Item(i.code(), i.quantity())).toList();
        return append(new Treated(UUID.randomUUID(), a.updatedAt, a.reservationId, a.scheduleId, a.status.name(),
                new Record(a.doctor, a.medicalOpinion, a.treatment, a.prescription, items, Staff.of(a.recordedBy))));
    }

    private Uni<Void> append(DomainEvent event) {
        return outbox.append(TOPIC, event);
    }

    public record AppointmentApproved(UUID eventId, Instant occurredAt, UUID reservationId, UUID scheduleId,
            String status, Staff approvedBy) implements DomainEvent {
    }

    /**
     * {@code reason}: DECLINED (by staff, {@code note} says why) or SCHEDULE_WITHDRAWN; {@code declinedBy}: who
     * declined, or withdrew the schedule.
     */
    public record AppointmentDeclined(UUID eventId, Instant occurredAt, UUID reservationId, UUID scheduleId,
            String reason, String note, String status, Staff declinedBy) implements DomainEvent {
    }

    /** The seat moved from {@code previousScheduleId} to {@code scheduleId}: docs/decisions/0012-appointment-moved-event.md. */
    public record AppointmentMoved(UUID eventId, Instant occurredAt, UUID reservationId, UUID scheduleId,
            UUID previousScheduleId, String vet, LocalDate date, String status) implements DomainEvent {
    }

    public record Treated(UUID eventId, Instant occurredAt, UUID reservationId, UUID scheduleId, String status,
            Record medicalRecord) implements DomainEvent {
    }

    /** The medical record as billing and the status view read it; {@code recordedBy}: who on the staff entered it. */
    public record Record(String doctor, String medicalOpinion, String treatment, String prescription,
            List<Item> items, Staff recordedBy) {
    }

    /** Who on the staff made the decision (the event's {@code occurredAt} says when). Optional in the contract. */
    public record Staff(String subject, String name) {

        static Staff of(StaffAction action) {
            return action == null ? null : new Staff(action.subject(), action.name());
        }
    }

    public record Item(String code, int quantity) {
    }
}
