package io.animalhospital.reservation.domain;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;

/** A customer's reservation of a seat on a vet's schedule; the seat itself lives in diagnosis-service. */
@Entity
@Table(name = "reservation")
public class Reservation extends PanacheEntityBase {

    @Id
    public UUID id;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public ReservationStatus status;

    @Column(name = "schedule_id", nullable = false)
    public UUID scheduleId;

    @Column(nullable = false)
    public String vet;

    @Column(nullable = false)
    public LocalDate date;

    @Column(name = "owner_name", nullable = false)
    public String ownerName;

    @Column(nullable = false)
    public String phone;

    public String email;

    @Column(name = "pet_name", nullable = false)
    public String petName;

    @Column(nullable = false)
    public String species;

    public String reason;

    @Enumerated(EnumType.STRING)
    @Column(name = "cancel_reason")
    public CancelReason cancelReason;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;

    /** Concurrent changes (customer, staff events) never silently overwrite each other. */
    @Version
    public long version;

    /** What customers and other services see of it: a change of any of these is published. */
    public List<Object> visible() {
        return Arrays.asList(status, scheduleId, vet, date, ownerName, phone, email, petName, species, reason);
    }

    /** Now holds {@code seat}: its schedule, vet and date, and the status that follows from it. */
    public void holds(Seat seat) {
        scheduleId = seat.scheduleId();
        vet = seat.vet();
        date = seat.date();
        status = seat.reservationStatus();
    }
}
