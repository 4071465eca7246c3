package io.animalhospital.diagnosis.domain;

import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

import jakarta.persistence.AttributeOverride;
import jakarta.persistence.Column;
import jakarta.persistence.Embedded;
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

    @Embedded
    @AttributeOverride(name = "subject", column = @Column(name = "created_by_subject"))
    @AttributeOverride(name = "name", column = @Column(name = "created_by_name"))
    @AttributeOverride(name = "at", column = @Column(name = "created_by_at"))
    public StaffAction createdBy;

    /** The last change by staff (resize, approval setting, withdrawal); seats taken and given back are not. */
    @Embedded
    @AttributeOverride(name = "subject", column = @Column(name = "updated_by_subject"))
    @AttributeOverride(name = "name", column = @Column(name = "updated_by_name"))
    @AttributeOverride(name = "at", column = @Column(name = "updated_by_at"))
    public StaffAction updatedBy;

    @Embedded
    @AttributeOverride(name = "subject", column = @Column(name = "withdrawn_by_subject"))
    @AttributeOverride(name = "name", column = @Column(name = "withdrawn_by_name"))
    @AttributeOverride(name = "at", column = @Column(name = "withdrawn_by_at"))
    public StaffAction withdrawnBy;

    public int available() {
        return withdrawn ? 0 : capacity - booked;
    }

    /** Whether the schedule's day is over, {@code today} being the clinic's (its time zone). */
    public boolean hasPassed(LocalDate today) {
        return date.isBefore(today);
    }
}
