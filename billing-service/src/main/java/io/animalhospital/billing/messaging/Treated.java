package io.animalhospital.billing.messaging;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** What billing-service reads of diagnosis-service's events; fields it does not need are ignored. */
public final class DiagnosisEvents {

    private DiagnosisEvents() {
    }

    public record Treated(UUID eventId, Instant occurredAt, UUID reservationId, UUID scheduleId,
            MedicalRecord medicalRecord) {
    }

    public record MedicalRecord(String doctor, List<Item> items) {
    }

    public record Item(String code, Integer quantity) {
    }
}
