package io.animalhospital.reservation.rest;

import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import io.animalhospital.reservation.domain.Reservation;

/** The reservation resource's representations (SPEC §3). */
public final class ReservationDtos {

    private ReservationDtos() {
    }

    /** The phone is not a field: a placement is for the phone of the customer's account (their token). */
    public record NewReservation(
            @NotNull UUID scheduleId,
            @NotBlank @Size(max = 100) String ownerName,
            @Email @Size(max = 254) String email,
            @NotBlank @Size(max = 100) String petName,
            @NotBlank @Size(max = 50) String species,
            @Size(max = 1000) String reason) {
    }

    /**
     * Every field optional; {@code scheduleId} moves the reservation. No {@code phone}: it says whose the reservation
     * is, so nobody can change it (a body that names one is refused as an unknown field).
     */
    public record ReservationChange(
            UUID scheduleId,
            @Size(min = 1, max = 100) String ownerName,
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
