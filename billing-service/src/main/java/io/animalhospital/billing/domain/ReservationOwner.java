package io.animalhospital.billing.domain;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/**
 * Whose a reservation (and so its bill) is: the phone it was made with, learnt from reservation-events. Billing
 * keeps its own copy because the phone lives in reservation-service and services share no database.
 */
@Entity
@Table(name = "reservation_owner")
public class ReservationOwner {

    @Id
    @Column(name = "reservation_id")
    public UUID reservationId;

    /** In normal form ({@code 010-1234-5678}); a number that cannot be normalised is kept as it came. */
    @Column(nullable = false)
    public String phone;

    /** The version of the snapshot it came from. */
    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;
}
