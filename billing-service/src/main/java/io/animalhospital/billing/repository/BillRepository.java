package io.animalhospital.billing.repository;

import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;

import io.animalhospital.billing.domain.Bill;
import io.animalhospital.billing.domain.Bills;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;

@ApplicationScoped
public class BillRepository implements PanacheRepositoryBase<Bill, UUID>, Bills {

    @Override
    public Uni<Bill> withLines(UUID billId) {
        return find("select b from Bill b left join fetch b.lines where b.id = ?1", billId).list()
                .map(bills -> bills.isEmpty() ? null : bills.get(0));
    }

    @Override
    public Uni<List<Bill>> ofReservation(UUID reservationId) {
        return find("select b from Bill b left join fetch b.lines where b.reservationId = ?1", reservationId).list();
    }

    @Override
    public Uni<Bill> billedFor(UUID reservationId) {
        return find("reservationId", reservationId).firstResult();
    }

    @Override
    public Uni<Bill> lockedForPayment(UUID billId) {
        return findById(billId, LockModeType.PESSIMISTIC_WRITE);
    }

    @Override
    public Uni<Void> add(Bill bill) {
        return persist(bill).replaceWithVoid();
    }
}
