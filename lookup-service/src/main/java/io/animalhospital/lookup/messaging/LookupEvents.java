package io.animalhospital.lookup.messaging;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import io.animalhospital.lookup.domain.ViewParts;

/**
 * This service's reading of the events it consumes (SPEC §4): only the fields the view needs; fields added by
 * newer producers are ignored ({@link IncomingEvent#lenient}).
 */
public final class LookupEvents {

    private LookupEvents() {
    }

    /** Every decision of the view compares event times: an event without one cannot be placed, so it is unreadable. */
    static Instant occurredAt(Instant occurredAt, IncomingEvent event) {
        if (occurredAt == null) {
            throw new IncomingEvent.UnreadableEventException(event.type() + " " + event.eventId() + " has no occurredAt");
        }
        return occurredAt;
    }

    /** Every event of reservation-events: the reservation's new status and its full snapshot. */
    public record ReservationEvent(UUID eventId, String type, Instant occurredAt, UUID reservationId, String status,
            String reason, Snapshot reservation) {
    }

    public record Snapshot(UUID id, String status, String vet, LocalDate date, String ownerName, String phone,
            String petName) {
    }

    /** AppointmentApproved, AppointmentDeclined and Treated (with its medical record). */
    public record AppointmentEvent(UUID eventId, String type, Instant occurredAt, UUID reservationId, String status,
            MedicalRecord medicalRecord) {
    }

    public record MedicalRecord(String doctor, String medicalOpinion, String treatment, String prescription,
            List<Item> items) {

        ViewParts.Treatment summary() {
            List<ViewParts.Item> summaryItems = items == null ? List.of()
                    : items.stream().map(i -> new ViewParts.Item(i.code(), i.quantity())).toList();
            return new ViewParts.Treatment(doctor, medicalOpinion, treatment, prescription, summaryItems);
        }
    }

    public record Item(String code, int quantity) {
    }

    /** BillIssued and BillPaid. */
    public record BillEvent(UUID eventId, String type, Instant occurredAt, UUID reservationId, UUID billId,
            String status, Long total) {
    }

    /** NotificationSent and NotificationFailed. */
    public record NotificationEvent(UUID eventId, String type, Instant occurredAt, UUID reservationId,
            UUID notificationId, String channel, String status, String message) {
    }
}
