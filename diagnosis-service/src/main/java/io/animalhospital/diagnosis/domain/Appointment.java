package io.animalhospital.diagnosis.domain;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import jakarta.persistence.AttributeOverride;
import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.Embedded;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;

/** One per reservation, keyed by the reservation's id; the medical record is filled in by the treatment. */
@Entity
@Table(name = "appointment")
public class Appointment extends PanacheEntityBase {

    @Id
    @Column(name = "reservation_id")
    public UUID reservationId;

    @Column(name = "schedule_id", nullable = false)
    public UUID scheduleId;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public AppointmentStatus status;

    @Column(name = "pet_name", nullable = false)
    public String petName;

    public String reason;

    public String doctor;

    @Column(name = "medical_opinion")
    public String medicalOpinion;

    public String treatment;

    public String prescription;

    @Convert(converter = BillableItemsConverter.class)
    public List<BillableItem> items;

    @Enumerated(EnumType.STRING)
    @Column(name = "cancel_reason")
    public CancelReason cancelReason;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;

    @Embedded
    @AttributeOverride(name = "subject", column = @Column(name = "approved_by_subject"))
    @AttributeOverride(name = "name", column = @Column(name = "approved_by_name"))
    @AttributeOverride(name = "at", column = @Column(name = "approved_by_at"))
    public StaffAction approvedBy;

    /** Staff who declined it, or who withdrew its schedule. */
    @Embedded
    @AttributeOverride(name = "subject", column = @Column(name = "declined_by_subject"))
    @AttributeOverride(name = "name", column = @Column(name = "declined_by_name"))
    @AttributeOverride(name = "at", column = @Column(name = "declined_by_at"))
    public StaffAction declinedBy;

    /** Staff who recorded the treatment (the medical record's author; {@code doctor} is the vet who treated). */
    @Embedded
    @AttributeOverride(name = "subject", column = @Column(name = "recorded_by_subject"))
    @AttributeOverride(name = "name", column = @Column(name = "recorded_by_name"))
    @AttributeOverride(name = "at", column = @Column(name = "recorded_by_at"))
    public StaffAction recordedBy;
}
