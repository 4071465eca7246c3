package io.animalhospital.reservation.domain;

import java.time.Instant;
import java.util.UUID;

import io.smallrye.mutiny.Uni;

/** The Idempotency-Keys of placements; every method runs in the caller's transaction. */
public interface PlacementKeys {

    /**
     * Claims the key for {@code reservationId} unless it is claimed already (a unique key: of two concurrent
     * claims one wins, the other waits for it and finds it), then answers the claim as it is now, row-locked
     * until the transaction ends.
     */
    Uni<PlacementKey> claim(String ownerPhone, String idempotencyKey, String requestHash, UUID reservationId,
            Instant claimedUntil);

    /** The claim, row-locked; null if there is none. */
    Uni<PlacementKey> locked(String ownerPhone, String idempotencyKey);

    /** Gives the key up, if it is still claimed for {@code reservationId}: a placement that failed stores nothing. */
    Uni<Void> release(String ownerPhone, String idempotencyKey, UUID reservationId);
}
