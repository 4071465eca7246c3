package io.animalhospital.billing.repository;

import java.time.Instant;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.animalhospital.billing.domain.Owners;
import io.animalhospital.billing.domain.ReservationOwner;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;

@ApplicationScoped
public class OwnerRepository implements PanacheRepositoryBase<ReservationOwner, UUID>, Owners {

    /**
     * One statement, so that two replicas applying events of one reservation (during a rebalance) cannot both
     * insert, and the newer snapshot wins whatever the order.
     */
    private static final String REMEMBER = "INSERT INTO reservation_owner (reservation_id, phone, updated_at)"
            + " VALUES (:id, :phone, :version) ON CONFLICT (reservation_id) DO UPDATE"
            + " SET phone = excluded.phone, updated_at = excluded.updated_at"
            + " WHERE reservation_owner.updated_at <= excluded.updated_at";

    @Override
    public Uni<ReservationOwner> ofReservation(UUID reservationId) {
        return findById(reservationId);
    }

    @Override
    public Uni<Void> remember(UUID reservationId, String phone, Instant version) {
        return Panache.getSession().chain(session -> session.createNativeQuery(REMEMBER)
                .setParameter("id", reservationId)
                .setParameter("phone", phone)
                .setParameter("version", version)
                .executeUpdate())
                .replaceWithVoid();
    }
}
