package io.animalhospital.notice.repository;

import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.animalhospital.notice.domain.Contacts;
import io.animalhospital.notice.domain.ReservationContact;
import io.animalhospital.platform.lock.TransactionLocks;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;

@ApplicationScoped
public class ContactRepository implements PanacheRepositoryBase<ReservationContact, UUID>, Contacts {

    @Override
    public Uni<ReservationContact> ofReservation(UUID reservationId) {
        return findById(reservationId);
    }

    @Override
    public Uni<Void> add(ReservationContact contact) {
        return persist(contact).replaceWithVoid();
    }

    @Override
    public Uni<Void> lockReservation(UUID reservationId) {
        return TransactionLocks.lock("reservation", reservationId);
    }
}
