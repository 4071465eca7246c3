package io.animalhospital.platform.lock;

import java.util.UUID;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;

/**
 * Locks on a key that the current transaction holds until it ends (PostgreSQL's transaction-scoped advisory locks):
 * for work on one thing that must take turns even before any row of it exists, such as an insert and a check for it
 * in two transactions, which row locks cannot order. Keys are hashed, so two keys may share a lock: they then take
 * turns needlessly, never wrongly.
 */
public final class TransactionLocks {

    private TransactionLocks() {
    }

    /** Waits for the lock on {@code key} in {@code space} (a name per kind of key) and holds it to the end. */
    public static Uni<Void> lock(String space, UUID key) {
        // An update count, not a select with a result class: that would add a query plan to Hibernate's cache per call.
        return Panache.getSession().chain(session -> session
                .createNativeQuery("SELECT pg_advisory_xact_lock(:space, :key)")
                .setParameter("space", space.hashCode())
                .setParameter("key", key.hashCode())
                .executeUpdate())
                .replaceWithVoid();
    }
}
