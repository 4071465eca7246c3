package io.animalhospital.reservation.domain;

import java.io.Serializable;
import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;

/**
 * A customer's {@code Idempotency-Key} of a placement: the first request under it claims it for one reservation id;
 * a retry finds that reservation (and is answered with it) instead of booking again. Keyed by the customer's phone
 * (what they own) and the key, so customers cannot see or block each other's keys.
 */
@Entity
@Table(name = "placement_key")
@IdClass(PlacementKey.Key.class)
public class PlacementKey extends PanacheEntityBase {

    @Id
    @Column(name = "owner_phone")
    public String ownerPhone;

    @Id
    @Column(name = "idempotency_key")
    public String idempotencyKey;

    /** A fingerprint of the request: the same key with another request is refused. */
    @Column(name = "request_hash", nullable = false)
    public String requestHash;

    /** The reservation the placement under this key records (or recorded). */
    @Column(name = "reservation_id", nullable = false)
    public UUID reservationId;

    /**
     * Until when the placement that holds the claim may still record its reservation (its held cancellation's
     * end). A claim whose reservation was never recorded and whose time is over may be taken by a retry.
     */
    @Column(name = "claimed_until", nullable = false)
    public Instant claimedUntil;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    /** The composite primary key. */
    public static class Key implements Serializable {

        public String ownerPhone;
        public String idempotencyKey;

        public Key() {
        }

        public Key(String ownerPhone, String idempotencyKey) {
            this.ownerPhone = ownerPhone;
            this.idempotencyKey = idempotencyKey;
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof Key key && Objects.equals(ownerPhone, key.ownerPhone)
                    && Objects.equals(idempotencyKey, key.idempotencyKey);
        }

        @Override
        public int hashCode() {
            return Objects.hash(ownerPhone, idempotencyKey);
        }
    }
}
