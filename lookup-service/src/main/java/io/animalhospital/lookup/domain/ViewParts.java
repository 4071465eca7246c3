package io.animalhospital.lookup.domain;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

/** The nested parts of a reservation status view, stored as JSONB with the row. */
public final class ViewParts {

    private ViewParts() {
    }

    /** The owner's, pet's and schedule's details from a reservation snapshot. */
    public record Details(String ownerName, String phone, String petName, String vet, LocalDate date) {
    }

    /** The treatment summary from diagnosis' {@code Treated}. */
    public record Treatment(String doctor, String medicalOpinion, String treatment, String prescription,
            List<Item> items) {
    }

    public record Item(String code, int quantity) {
    }

    /** The latest notification sent (or failed) for the reservation. */
    public record Notification(UUID id, String channel, NotificationStatus status, String message, Instant at) {
    }

    /** The status changes, in time order. */
    public record History(List<HistoryEntry> entries) {

        public static final History EMPTY = new History(List.of());
    }

    /** One status change (of the reservation, appointment or bill); the event id makes a redelivered event recognisable. */
    public record HistoryEntry(UUID eventId, String status, Instant at, String eventType) {
    }

    /** The ids of every event applied to the view. */
    public record AppliedEvents(List<UUID> ids) {

        public static final AppliedEvents NONE = new AppliedEvents(List.of());
    }
}
