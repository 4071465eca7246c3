package io.animalhospital.reservation.domain;

import java.time.Duration;
import java.util.UUID;

import io.smallrye.mutiny.Uni;

/**
 * The reservation's status changes that other services learn of, reported in the caller's transaction (published
 * after its commit, never for a rolled-back change). Each carries the reservation as it is.
 */
public interface ReservationEvents {

    Uni<Void> placed(Reservation reservation);

    Uni<Void> changed(Reservation reservation);

    Uni<Void> approved(Reservation reservation);

    /** The reservation ended; its {@code cancelReason} says why. */
    Uni<Void> cancelled(Reservation reservation);

    Uni<Void> treated(Reservation reservation);

    /**
     * The NOT_CONFIRMED cancellation of a placement about to call diagnosis, held back: published when {@code hold}
     * has passed unless {@link #withdraw withdrawn} or {@link #release released} before. Answers its event id.
     */
    Uni<UUID> cancelledUnlessConfirmed(Reservation attempted, Duration hold);

    /** Publishes the held cancellation now; false if it is no longer held. */
    Uni<Boolean> release(UUID heldEvent);

    /** Takes the held cancellation back; false if it is gone (its hold ended and it was published). */
    Uni<Boolean> withdraw(UUID heldEvent);
}
