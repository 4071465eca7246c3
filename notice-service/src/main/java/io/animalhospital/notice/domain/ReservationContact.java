package io.animalhospital.notice.domain;

import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;

/** This service's copy of a reservation's contact, from the snapshots on reservation-events. */
@Entity
@Table(name = "reservation_contact")
public class ReservationContact extends PanacheEntityBase {

    @Id
    @Column(name = "reservation_id")
    public UUID reservationId;

    @Column(name = "owner_name")
    public String ownerName;

    public String phone;

    public String email;

    @Column(name = "pet_name")
    public String petName;

    public String vet;

    @Column(name = "visit_date")
    public LocalDate visitDate;

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;
}
