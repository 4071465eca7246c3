package io.animalhospital.diagnosis.domain;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;

/**
 * Tombstone of a reservation cancelled before its appointment existed (a lost booking answer): a late booking of
 * it is refused. Mapped so that the check on every booking is a primary-key find, not a native query.
 */
@Entity
@Table(name = "cancelled_reservation")
public class CancelledReservation extends PanacheEntityBase {

    @Id
    @Column(name = "reservation_id")
    public UUID reservationId;

    @Column(name = "cancelled_at", insertable = false, updatable = false)
    public Instant cancelledAt;
}
