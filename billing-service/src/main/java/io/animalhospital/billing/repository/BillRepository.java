package io.animalhospital.billing.repository;

import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;

import io.animalhospital.billing.domain.Bill;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;

@ApplicationScoped
public class BillRepository implements PanacheRepositoryBase<Bill, UUID> {

    /** The bill with its lines, or {@code null}. */
    public Uni<Bill> findWithLines(UUID id) {
        return find("select b from Bill b left join fetch b.lines where b.id = ?1", id).list()
                .map(bills -> bills.isEmpty() ? null : bills.get(0));
    }

    public Uni<List<Bill>> listByReservation(UUID reservationId) {
        return find("select b from Bill b left join fetch b.lines where b.reservationId = ?1", reservationId).list();
    }

    /** Without lines: enough to know whether the reservation was billed already. */
    public Uni<Bill> findByReservation(UUID reservationId) {
        return find("reservationId", reservationId).firstResult();
    }

    /** Locks the bill's row for the rest of the transaction: payments of one bill queue up behind each other. */
    public Uni<Bill> lock(UUID id) {
        return findById(id, LockModeType.PESSIMISTIC_WRITE);
    }
}
