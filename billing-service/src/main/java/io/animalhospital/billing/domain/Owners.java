package io.animalhospital.billing.domain;

import java.time.Instant;
import java.util.UUID;

import io.smallrye.mutiny.Uni;

/** The owners of the reservations billing has heard of. */
public interface Owners {

    /** The reservation's owner, or {@code null} while none of its events has arrived. */
    Uni<ReservationOwner> ofReservation(UUID reservationId);

    /**
     * Records the reservation's phone as of {@code version}, unless a newer version is already recorded (events of
     * one reservation may arrive late or twice); in the caller's transaction.
     */
    Uni<Void> remember(UUID reservationId, String phone, Instant version);
}
