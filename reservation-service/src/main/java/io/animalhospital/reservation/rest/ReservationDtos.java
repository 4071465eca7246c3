package io.animalhospital.reservation.rest;

import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import io.animalhospital.reservation.domain.Reservation;

/** The reservation resource's representations (SPEC §3). */
public final class ReservationDtos {

    static final String PHONE = "\\+?[0-9][0-9 -]{6,18}[0-9]";

    private ReservationDtos() {
    }

    public record NewReservation(
            @NotNull UUID scheduleId,
            @NotBlank @Size(max = 100) String ownerName,
            @NotBlank @Pattern(regexp = PHONE, message = "must be a phone number of 8-20 digits") String phone,
            @Email @Size(max = 254) String email,
            @NotBlank @Size(max = 100) String petName,
            @NotBlank @Size(max = 50) String species,
            @Size(max = 1000) String reason) {
    }

    /** Every field optional; {@code scheduleId} moves the reservation. */
    public record ReservationChange(
            UUID scheduleId,
            @Size(min = 1, max = 100) String ownerName,
            @Pattern(regexp = PHONE, message = "must be a phone number of 8-20 digits") String phone,
            @Email @Size(max = 254) String email,
            @Size(min = 1, max = 100) String petName,
            @Size(min = 1, max = 50) String species,
            @Size(max = 1000) String reason) {
    }

    public record ReservationView(UUID id, String status, UUID scheduleId, String vet, LocalDate date,
            String ownerName, String phone, String email, String petName, String species, String reason,
            String cancelReason, Instant createdAt, Instant updatedAt) {

        public static ReservationView of(Reservation r) {
            return new ReservationView(r.id, r.status.name(), r.scheduleId, r.vet, r.date, r.ownerName, r.phone,
                    r.email, r.petName, r.species, r.reason, r.cancelReason == null ? null : r.cancelReason.name(),
                    r.createdAt, r.updatedAt);
        }
    }
}
