package io.animalhospital.lookup.domain;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import io.animalhospital.lookup.domain.ViewParts.Notification;
import io.animalhospital.lookup.domain.ViewParts.Treatment;

/**
 * The reservation status view as served and streamed (SPEC §3 "reservation status view"). An immutable
 * snapshot, so it can be handed to stream subscribers after the transaction that produced it has committed.
 * Fields the view has not learnt yet (e.g. the owner before {@code ReservationPlaced} arrived) are null.
 */
public record StatusDocument(UUID reservationId, String ownerName, String phone, String petName, String vet,
        LocalDate date, ReservationStatus reservationStatus, AppointmentStatus appointmentStatus, Treatment treatment, Bill bill,
        Notification lastNotification, List<Change> history, Instant updatedAt, long version) {

    public record Bill(UUID id, Long total, BillStatus status) {
    }

    /** A status change of the reservation, its appointment or its bill: the status is that status's name. */
    public record Change(String status, Instant at, String eventType) {
    }

    public static StatusDocument of(ReservationStatusView v) {
        Bill bill = v.billId == null && v.billStatus == null ? null : new Bill(v.billId, v.billTotal, v.billStatus);
        List<Change> history = v.history.entries().stream().map(h -> new Change(h.status(), h.at(), h.eventType())).toList();
        return new StatusDocument(v.reservationId, v.ownerName, v.phone, v.petName, v.vet, v.date,
                v.reservationStatus, v.appointmentStatus, v.treatment, bill, v.lastNotification, history,
                v.updatedAt, v.version);
    }
}
