package io.animalhospital.notice.repository;

import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.animalhospital.notice.domain.Contacts;
import io.animalhospital.notice.domain.ReservationContact;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;

@ApplicationScoped
public class ContactRepository implements PanacheRepositoryBase<ReservationContact, UUID>, Contacts {

    /** Namespace of the per-reservation advisory locks (the outbox relay uses the single-key space). */
    private static final int RESERVATION_LOCKS = 0x6e6f7469;

    @Override
    public Uni<ReservationContact> ofReservation(UUID reservationId) {
        return findById(reservationId);
    }

    @Override
    public Uni<Void> add(ReservationContact contact) {
        return persist(contact).replaceWithVoid();
    }

    /**
     * A transaction-scoped advisory lock. Run as an update on purpose: a native select with a result class costs a
     * growing scan of Hibernate's query plan cache per call.
     */
    @Override
    public Uni<Void> lockReservation(UUID reservationId) {
        return getSession().chain(session -> session
                .createNativeQuery("SELECT pg_advisory_xact_lock(:space, :key)")
                .setParameter("space", RESERVATION_LOCKS)
                .setParameter("key", reservationId.hashCode())
                .executeUpdate())
                .replaceWithVoid();
    }
}
