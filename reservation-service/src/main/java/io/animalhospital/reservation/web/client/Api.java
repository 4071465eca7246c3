package io.animalhospital.reservation.web.client;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * The APIs' representations as the pages read them (SPEC §3): only the fields the pages show, the rest ignored, so
 * that a service adding a field does not break the app.
 */
public final class Api {

    private Api() {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Schedule(UUID id, String vet, LocalDate date, int capacity, int booked, int available,
            boolean approvalRequired) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Reservation(UUID id, String status, UUID scheduleId, String vet, LocalDate date, String ownerName,
            String phone, String email, String petName, String species, String reason, String cancelReason,
            Instant createdAt) {

        /** Changing the day and cancelling are for a reservation that still holds (or awaits) its seat. */
        public boolean open() {
            return "RESERVED".equals(status) || "AWAITING_APPROVAL".equals(status);
        }
    }

    /** A placement: no phone, the API takes the customer's from their token. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record NewReservation(UUID scheduleId, String ownerName, String email, String petName, String species,
            String reason) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record ReservationChange(UUID scheduleId) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Bill(UUID id, UUID reservationId, String status, long total, String currency, List<BillLine> lines,
            Instant paidAt) {

        public boolean payable() {
            return "ISSUED".equals(status);
        }
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record BillLine(String code, String description, int quantity, long unitPrice, long amount) {
    }

    public record Payment(long amount, String method) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Notification(UUID id, String eventType, String channel, String recipient, String message,
            String status, Instant sentAt) {
    }

    /** lookup-service's view of a reservation: the pages take the appointment's status from it. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record StatusView(UUID reservationId, String reservationStatus, String appointmentStatus,
            StatusBill bill) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record StatusBill(UUID id, Long total, String status) {
    }
}
