package io.animalhospital.lookup.domain;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import io.animalhospital.platform.security.PhoneNumbers;

/** The nested parts of a reservation status view, stored as JSONB with the row. */
public final class ViewParts {

    private ViewParts() {
    }

    /**
     * The owner's, pet's and schedule's details from a reservation snapshot. The phone is kept in its normal form
     * (what ownership and look-ups match on): old events and a replay of old topics may carry other forms; text that
     * is not a phone number is kept as it is, so nothing an event said is lost.
     */
    public record Details(String ownerName, String phone, String petName, String vet, LocalDate date) {

        public Details {
            phone = phone == null ? null : PhoneNumbers.normalise(phone).orElse(phone);
        }
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
