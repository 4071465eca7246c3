package io.animalhospital.billing.repository;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;

import io.animalhospital.billing.domain.Bill;
import io.animalhospital.billing.domain.Bills;
import io.animalhospital.platform.paging.PageRequest;
import io.animalhospital.platform.paging.Paged;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Page;
import io.quarkus.panache.common.Parameters;
import io.quarkus.panache.common.Sort;
import io.quarkus.runtime.annotations.RegisterForReflection;
import io.smallrye.mutiny.Uni;

@ApplicationScoped
public class BillRepository implements PanacheRepositoryBase<Bill, UUID>, Bills {

    @Override
    public Uni<Bill> withLines(UUID billId) {
        return find("select b from Bill b left join fetch b.lines where b.id = ?1", billId).list()
                .map(bills -> bills.isEmpty() ? null : bills.get(0));
    }

    /**
     * A count, one page of ids, then those bills with their lines: a fetch join cannot be paged in the database
     * (Hibernate would page in memory, after loading every bill).
     */
    @Override
    public Uni<Paged<Bill>> search(Search search, PageRequest page) {
        StringBuilder where = new StringBuilder("true");
        Parameters parameters = new Parameters();
        if (search.status() != null) {
            where.append(" and status = :status");
            parameters.and("status", search.status());
        }
        if (search.reservationId() != null) {
            where.append(" and reservationId = :reservationId");
            parameters.and("reservationId", search.reservationId());
        }
        if (search.ownerPhone() != null) {
            where.append(" and reservationId in (select o.reservationId from ReservationOwner o where o.phone = :phone)");
            parameters.and("phone", search.ownerPhone());
        }
        return count(where.toString(), parameters).chain(total -> find(where.toString(),
                Sort.by("issuedAt").and("id"), parameters).page(Page.of(page.page(), page.size()))
                .project(BillId.class).list()
                .chain(ids -> ids.isEmpty() ? Uni.createFrom().item(List.<Bill>of())
                        : find("select distinct b from Bill b left join fetch b.lines where b.id in ?1",
                                ids.stream().map(BillId::id).toList()).list()
                                .map(bills -> inOrderOf(ids, bills)))
                .map(bills -> Paged.of(bills, total)));
    }

    /** The id of a bill, for the page's first query. */
    @RegisterForReflection
    public record BillId(UUID id) {
    }

    private static List<Bill> inOrderOf(List<BillId> ids, List<Bill> bills) {
        Map<UUID, Bill> byId = new HashMap<>();
        bills.forEach(bill -> byId.put(bill.id, bill));
        return ids.stream().map(id -> byId.get(id.id())).filter(Objects::nonNull).toList();
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
