package io.animalhospital.diagnosis.web.client;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

import io.quarkus.qute.TemplateData;

/**
 * What the pages read from and send to the APIs (SPEC §3): the console's own copies of the representations, so that
 * web/ depends on no domain class. Fields the console does not show are ignored (the APIs may add more).
 */
public final class ApiViews {

    private ApiViews() {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    @TemplateData
    public record Schedule(UUID id, String vet, LocalDate date, int capacity, int booked, int available,
            boolean approvalRequired, boolean withdrawn) {
    }

    @TemplateData
    public record NewSchedule(String vet, LocalDate date, Integer capacity, boolean approvalRequired) {
    }

    @TemplateData
    public record ScheduleChange(Integer capacity) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    @TemplateData
    public record Appointment(UUID reservationId, UUID scheduleId, String status, String petName, String reason,
            String vet, LocalDate date, MedicalRecord medicalRecord, Instant createdAt) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    @TemplateData
    public record MedicalRecord(String doctor, String medicalOpinion, String treatment, String prescription,
            List<Item> items) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    @TemplateData
    public record Item(String code, Integer quantity) {
    }

    @TemplateData
    public record Decline(String reason) {
    }

    @TemplateData
    public record Treatment(String doctor, String medicalOpinion, String treatment, String prescription,
            List<Item> items) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    @TemplateData
    public record Reservation(UUID id, String status, UUID scheduleId, String vet, LocalDate date, String ownerName,
            String phone, String email, String petName, String species, String reason) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    @TemplateData
    public record Bill(UUID id, UUID reservationId, String status, long total, String currency, List<BillLine> lines) {

        /** The total as the desk reads it: whole won with thousands separators (55,000). */
        public String totalShown() {
            return String.format(java.util.Locale.ROOT, "%,d", total);
        }
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    @TemplateData
    public record BillLine(String code, String description, int quantity, long unitPrice, long amount) {
    }

    @TemplateData
    public record Payment(long amount, String method) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    @TemplateData
    public record Notification(UUID id, String eventType, UUID reservationId, String recipient, String channel,
            String message, String status, int attempts, String lastError, Instant sentAt) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    @TemplateData
    public record DeadLetter(String topic, int partition, long offset, String key, String eventId, String eventType,
            String reason, Instant at, Instant replayedAt) {
    }
}
