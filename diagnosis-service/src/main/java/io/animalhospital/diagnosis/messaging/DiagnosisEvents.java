package io.animalhospital.diagnosis.messaging;

import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

import io.animalhospital.diagnosis.domain.MedicalRecord;

/** The events diagnosis-service publishes on {@code diagnosis-events} (SPEC §4). */
public final class DiagnosisEvents {

    public static final String TOPIC = "diagnosis-events";

    private DiagnosisEvents() {
    }

    public record AppointmentApproved(UUID eventId, Instant occurredAt, UUID reservationId, UUID scheduleId,
            String status) implements DomainEvent {
    }

    /** {@code reason}: DECLINED (by staff, {@code note} says why) or SCHEDULE_WITHDRAWN. */
    public record AppointmentDeclined(UUID eventId, Instant occurredAt, UUID reservationId, UUID scheduleId,
            String reason, String note, String status) implements DomainEvent {
    }

    /**
     * The seat moved from {@code previousScheduleId} to {@code scheduleId}. reservation-service learns of a move
     * from the call's answer; this event tells it when that answer was lost after the move committed.
     */
    public record AppointmentMoved(UUID eventId, Instant occurredAt, UUID reservationId, UUID scheduleId,
            UUID previousScheduleId, String vet, LocalDate date, String status) implements DomainEvent {
    }

    public record Treated(UUID eventId, Instant occurredAt, UUID reservationId, UUID scheduleId, String status,
            MedicalRecord medicalRecord) implements DomainEvent {
    }
}
