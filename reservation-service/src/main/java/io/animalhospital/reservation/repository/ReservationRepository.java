package io.animalhospital.reservation.repository;

import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;

import io.animalhospital.reservation.domain.Reservation;
import io.animalhospital.reservation.domain.Reservations;
import io.animalhospital.platform.paging.PageRequest;
import io.animalhospital.platform.paging.Paged;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Page;
import io.quarkus.panache.common.Parameters;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;

@ApplicationScoped
public class ReservationRepository implements PanacheRepositoryBase<Reservation, UUID>, Reservations {

    @Override
    public Uni<Reservation> byId(UUID id) {
        return findById(id);
    }

    @Override
    public Uni<Reservation> lockedById(UUID id) {
        return findById(id, LockModeType.PESSIMISTIC_WRITE);
    }

    /** A count and one page, never the whole table. */
    @Override
    public Uni<Paged<Reservation>> search(Search search, PageRequest page) {
        StringBuilder query = new StringBuilder("true");
        Parameters parameters = new Parameters();
        if (search.phone() != null) {
            query.append(" and phone = :phone");
            parameters.and("phone", search.phone());
        }
        if (search.date() != null) {
            query.append(" and date = :date");
            parameters.and("date", search.date());
        }
        if (search.status() != null) {
            query.append(" and status = :status");
            parameters.and("status", search.status());
        }
        return count(query.toString(), parameters)
                .chain(total -> find(query.toString(), Sort.by("date").and("createdAt").and("id"), parameters)
                        .page(Page.of(page.page(), page.size())).list()
                        .map(items -> Paged.of(items, total)));
    }

    @Override
    public Uni<Reservation> add(Reservation reservation) {
        return persist(reservation);
    }
}
