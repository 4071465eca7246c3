package io.animalhospital.reservation.repository;

import java.time.Instant;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;

import io.animalhospital.reservation.domain.PlacementKey;
import io.animalhospital.reservation.domain.PlacementKeys;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;

@ApplicationScoped
public class PlacementKeyRepository implements PanacheRepositoryBase<PlacementKey, PlacementKey.Key>, PlacementKeys {

    @Override
    public Uni<PlacementKey> claim(String ownerPhone, String idempotencyKey, String requestHash, UUID reservationId,
            Instant claimedUntil) {
        // ON CONFLICT DO NOTHING waits for a concurrent claim of the same key to commit (or roll back) instead of
        // failing the transaction, so the locked read below always finds the one claim there is.
        return getSession().flatMap(session -> session.createNativeQuery("INSERT INTO placement_key"
                + " (owner_phone, idempotency_key, request_hash, reservation_id, claimed_until, created_at)"
                + " VALUES (:phone, :key, :hash, :reservation, :until, now()) ON CONFLICT DO NOTHING")
                .setParameter("phone", ownerPhone).setParameter("key", idempotencyKey)
                .setParameter("hash", requestHash).setParameter("reservation", reservationId)
                .setParameter("until", claimedUntil).executeUpdate())
                .flatMap(inserted -> locked(ownerPhone, idempotencyKey));
    }

    @Override
    public Uni<PlacementKey> locked(String ownerPhone, String idempotencyKey) {
        return find("ownerPhone = ?1 and idempotencyKey = ?2", ownerPhone, idempotencyKey)
                .withLock(LockModeType.PESSIMISTIC_WRITE).firstResult();
    }

    @Override
    public Uni<Void> release(String ownerPhone, String idempotencyKey, UUID reservationId) {
        return delete("ownerPhone = ?1 and idempotencyKey = ?2 and reservationId = ?3", ownerPhone, idempotencyKey,
                reservationId).replaceWithVoid();
    }
}
