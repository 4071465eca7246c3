package io.animalhospital.diagnosis.rest;

import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import io.animalhospital.diagnosis.domain.Appointment;
import io.animalhospital.diagnosis.domain.MedicalRecord;
import io.animalhospital.diagnosis.domain.Schedule;

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

    public record AppointmentView(UUID reservationId, UUID scheduleId, String status, String petName, String reason,
            String vet, LocalDate date, MedicalRecord medicalRecord, String cancelReason, Instant createdAt,
            Instant updatedAt) {

        public static AppointmentView of(Appointment a, Schedule s) {
            return new AppointmentView(a.reservationId, a.scheduleId, a.status.name(), a.petName, a.reason,
                    s == null ? null : s.vet, s == null ? null : s.date, MedicalRecord.of(a),
                    a.cancelReason == null ? null : a.cancelReason.name(),
                    a.createdAt, a.updatedAt);
        }
    }
}
