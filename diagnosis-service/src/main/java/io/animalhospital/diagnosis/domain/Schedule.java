package io.animalhospital.diagnosis.domain;

import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;

/** A vet's clinic day with a fixed number of seats. {@code booked} changes only through atomic SQL updates. */
@Entity
@Table(name = "schedule")
public class Schedule extends PanacheEntityBase {

    @Id
    public UUID id;

    @Column(nullable = false)
    public String vet;

    @Column(nullable = false)
    public LocalDate date;

    @Column(nullable = false)
    public int capacity;

    @Column(nullable = false)
    public int booked;

    @Column(name = "approval_required", nullable = false)
    public boolean approvalRequired;

    @Column(nullable = false)
    public boolean withdrawn;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;

    public int available() {
        return withdrawn ? 0 : capacity - booked;
    }
}
