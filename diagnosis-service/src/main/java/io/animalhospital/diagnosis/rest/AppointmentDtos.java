package io.animalhospital.diagnosis.rest;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import io.animalhospital.diagnosis.domain.Appointment;
import io.animalhospital.diagnosis.domain.BillableItem;
import io.animalhospital.diagnosis.domain.Schedule;
import io.animalhospital.diagnosis.domain.StaffAction;

/** The appointment resource's representations (SPEC §3). */
public final class AppointmentDtos {

    private AppointmentDtos() {
    }

    /** reservation-service's booking call. */
    public record BookAppointment(
            @NotNull UUID reservationId,
            @NotNull UUID scheduleId,
            @NotBlank @Size(max = 100) String petName,
            @Size(max = 1000) String reason) {
    }

    public record MoveAppointment(@NotNull UUID scheduleId) {
    }

    public record Decline(@Size(max = 1000) String reason) {
    }

    /** {@code approvedBy}, {@code declinedBy} (a decline, or the schedule's withdrawal): who and when, or null. */
    public record AppointmentView(UUID reservationId, UUID scheduleId, String status, String petName, String reason,
            String vet, LocalDate date, MedicalRecordView medicalRecord, String cancelReason, Instant createdAt,
            Instant updatedAt, StaffAction approvedBy, StaffAction declinedBy) {

        public static AppointmentView of(Appointment a, Schedule s) {
            return new AppointmentView(a.reservationId, a.scheduleId, a.status.name(), a.petName, a.reason,
                    s == null ? null : s.vet, s == null ? null : s.date, MedicalRecordView.of(a),
                    a.cancelReason == null ? null : a.cancelReason.name(),
                    a.createdAt, a.updatedAt, a.approvedBy, a.declinedBy);
        }
    }

    /** The treatment as recorded, with who on the staff recorded it (not part of the request that records it). */
    public record MedicalRecordView(String doctor, String medicalOpinion, String treatment, String prescription,
            List<BillableItem> items, StaffAction recordedBy) {

        static MedicalRecordView of(Appointment a) {
            if (a.doctor == null) {
                return null;
            }
            return new MedicalRecordView(a.doctor, a.medicalOpinion, a.treatment, a.prescription,
                    a.items == null ? List.of() : a.items, a.recordedBy);
        }
    }
}
