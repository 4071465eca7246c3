package io.animalhospital.reservation.domain;

import java.util.UUID;

import io.smallrye.mutiny.Uni;

/**
 * The seats of diagnosis-service's schedules, the one synchronous call of the system. Its business answers fail
 * with {@link ClinicException} (no such schedule, full, ...); when it cannot answer now (down, slow, circuit
 * open) with {@link SeatsUnavailableException}.
 */
public interface Seats {

    /** Takes a seat for the reservation; idempotent per reservation. */
    Uni<Seat> book(UUID reservationId, UUID scheduleId, String petName, String reason);

    /** Moves the reservation's seat to another schedule, all or nothing. */
    Uni<Seat> move(UUID reservationId, UUID scheduleId);
}
