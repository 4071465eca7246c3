package io.animalhospital.lookup.domain;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

import io.animalhospital.lookup.domain.ViewParts.AppliedEvents;
import io.animalhospital.lookup.domain.ViewParts.Details;
import io.animalhospital.lookup.domain.ViewParts.History;
import io.animalhospital.lookup.domain.ViewParts.HistoryEntry;
import io.animalhospital.lookup.domain.ViewParts.Notification;
import io.animalhospital.lookup.domain.ViewParts.Treatment;
import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;

/**
 * The read model of one reservation (SPEC §2 "Reservation status view"), built only from events.
 * <p>
 * Each part remembers the {@code occurredAt} of the event it came from; an event changes a part only if it
 * supersedes what is there ({@link StatusPrecedence}, or simply "happened later" for data without a status).
 * Every rule is a function of the two candidates, never of the arrival order, so the same events in any order,
 * from any topic, converge to the same document. The JSON parts are replaced, never mutated in place, so that
 * Hibernate sees every change.
 */
@Entity
@Table(name = "reservation_status")
public class ReservationStatusView extends PanacheEntityBase {

    private static final Comparator<HistoryEntry> BY_TIME = Comparator.comparing(HistoryEntry::at)
            .thenComparing(HistoryEntry::eventType).thenComparing(HistoryEntry::eventId);
    private static final Comparator<Notification> NEWEST_NOTIFICATION = Comparator.comparing(Notification::at)
            .thenComparing(Notification::id, Comparator.nullsFirst(Comparator.naturalOrder()));

    @Id
    @Column(name = "reservation_id")
    public UUID reservationId;

    @Column(name = "owner_name")
    public String ownerName;

    public String phone;

    @Column(name = "pet_name")
    public String petName;

    public String vet;

    public LocalDate date;

    @Column(name = "details_at")
    public Instant detailsAt;

    @Enumerated(EnumType.STRING)
    @Column(name = "reservation_status")
    public ReservationStatus reservationStatus;

    @Column(name = "reservation_status_at")
    public Instant reservationStatusAt;

    @Enumerated(EnumType.STRING)
    @Column(name = "appointment_status")
    public AppointmentStatus appointmentStatus;

    @Column(name = "appointment_status_at")
    public Instant appointmentStatusAt;

    @JdbcTypeCode(SqlTypes.JSON)
    public Treatment treatment;

    @Column(name = "treatment_at")
    public Instant treatmentAt;

    @Column(name = "bill_id")
    public UUID billId;

    @Column(name = "bill_total")
    public Long billTotal;

    @Enumerated(EnumType.STRING)
    @Column(name = "bill_status")
    public BillStatus billStatus;

    @Column(name = "bill_at")
    public Instant billAt;

    @JdbcTypeCode(SqlTypes.JSON)
    @Column(name = "last_notification")
    public Notification lastNotification;

    @Column(name = "last_notification_at")
    public Instant lastNotificationAt;

    @JdbcTypeCode(SqlTypes.JSON)
    @Column(nullable = false)
    public History history = History.EMPTY;

    @JdbcTypeCode(SqlTypes.JSON)
    @Column(name = "applied_events", nullable = false)
    public AppliedEvents appliedEvents = AppliedEvents.NONE;

    @Column(name = "updated_at")
    public Instant updatedAt;

    /** Distinct events applied so far: grows with every change, and is the same after a rebuild. */
    @Column(nullable = false)
    public long version;

    /**
     * Admits an event to this document: false when this very event was applied before (the per-document
     * guard behind the processed_event table). {@code updatedAt} is the latest event time, not the wall clock,
     * so a rebuild reproduces it.
     */
    public boolean admit(UUID eventId, Instant occurredAt) {
        if (appliedEvents.ids().contains(eventId)) {
            return false;
        }
        List<UUID> applied = new ArrayList<>(appliedEvents.ids());
        applied.add(eventId);
        // Sorted, not in arrival order: the stored row is the same whatever order the events came in.
        applied.sort(null);
        appliedEvents = new AppliedEvents(applied);
        version++;
        if (updatedAt == null || occurredAt.isAfter(updatedAt)) {
            updatedAt = occurredAt;
        }
        return true;
    }

    /** The owner's, pet's and schedule's details from the newest reservation snapshot. */
    public void details(Details details, Instant at) {
        if (detailsAt != null && !at.isAfter(detailsAt)) {
            return;
        }
        this.detailsAt = at;
        this.ownerName = details.ownerName();
        this.phone = details.phone();
        this.petName = details.petName();
        this.vet = details.vet();
        this.date = details.date();
    }

    public void reservationStatus(ReservationStatus status, Instant at) {
        if (StatusPrecedence.supersedes(reservationStatus, reservationStatusAt, status, at)) {
            reservationStatus = status;
            reservationStatusAt = at;
        }
    }

    public void appointmentStatus(AppointmentStatus status, Instant at) {
        if (StatusPrecedence.supersedes(appointmentStatus, appointmentStatusAt, status, at)) {
            appointmentStatus = status;
            appointmentStatusAt = at;
        }
    }

    public void treatment(Treatment record, Instant at) {
        if (record != null && (treatmentAt == null || at.isAfter(treatmentAt))) {
            treatment = record;
            treatmentAt = at;
        }
    }

    /** A bill's id and total come from whichever bill event is known; its status follows the precedence. */
    public void bill(UUID id, Long total, BillStatus status, Instant at) {
        if (StatusPrecedence.supersedes(billStatus, billAt, status, at)) {
            billStatus = status;
            billAt = at;
            billId = id != null ? id : billId;
            billTotal = total != null ? total : billTotal;
        } else {
            billId = billId != null ? billId : id;
            billTotal = billTotal != null ? billTotal : total;
        }
    }

    /** The latest notification wins; at the same instant the larger id, so the order of arrival never matters. */
    public void notification(Notification notification) {
        if (lastNotification == null || NEWEST_NOTIFICATION.compare(notification, lastNotification) > 0) {
            lastNotification = notification;
            lastNotificationAt = notification.at();
        }
    }

    /** Adds a status change to the history, kept in time order; a known event id adds nothing. */
    public <S extends Enum<S> & ClinicStatus> void history(UUID eventId, S status, Instant at, String eventType) {
        if (status == null || history.entries().stream().anyMatch(h -> h.eventId().equals(eventId))) {
            return;
        }
        List<HistoryEntry> entries = new ArrayList<>(history.entries());
        entries.add(new HistoryEntry(eventId, status.name(), at, eventType));
        entries.sort(BY_TIME);
        history = new History(entries);
    }
}
