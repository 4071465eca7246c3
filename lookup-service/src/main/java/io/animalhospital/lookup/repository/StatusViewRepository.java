package io.animalhospital.lookup.repository;

import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;

import io.animalhospital.lookup.domain.ReservationStatusView;
import io.animalhospital.lookup.domain.StatusChanges;
import io.animalhospital.lookup.domain.StatusViews;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.animalhospital.platform.paging.PageRequest;
import io.animalhospital.platform.paging.Paged;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Page;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;

@ApplicationScoped
public class StatusViewRepository implements PanacheRepositoryBase<ReservationStatusView, UUID>, StatusViews {

    /**
     * Events of one reservation arrive on four topics and are applied concurrently: the upsert lets two "first"
     * events meet on one row instead of failing on the primary key, and the lock makes their read-modify-write
     * cycles take turns, so no update is lost. Both statements go through the rows in the database's order of
     * ids: two batches sharing reservations wait for each other instead of deadlocking.
     */
    @Override
    public Uni<List<ReservationStatusView>> lockOrCreate(List<UUID> reservationIds) {
        return Panache.getSession().flatMap(session -> session
                .createNativeQuery("INSERT INTO reservation_status (reservation_id)"
                        + " SELECT id FROM unnest(CAST(:ids AS uuid[])) AS id ORDER BY id ON CONFLICT DO NOTHING")
                .setParameter("ids", reservationIds.toArray(UUID[]::new))
                .executeUpdate())
                .chain(() -> find("reservationId in ?1 order by reservationId", reservationIds)
                        .withLock(LockModeType.PESSIMISTIC_WRITE).list());
    }

    @Override
    public Uni<ReservationStatusView> ofReservation(UUID reservationId) {
        return findById(reservationId);
    }

    @Override
    public Uni<List<ReservationStatusView>> inIds(List<UUID> reservationIds) {
        return list("reservationId in ?1", reservationIds);
    }

    @Override
    public Uni<Paged<ReservationStatusView>> byPhone(String phone, PageRequest page) {
        return count("phone", phone).chain(total -> find("phone", Sort.by("date").and("reservationId"), phone)
                .page(Page.of(page.page(), page.size())).list()
                .map(items -> Paged.of(items, total)));
    }

    @Override
    public Uni<Void> announceChanged(List<UUID> reservationIds) {
        // A list parameter, not one array: Hibernate caches no plan for it (decision 0058).
        return Panache.getSession().flatMap(session -> session
                .createNativeQuery("SELECT count(pg_notify(:channel, CAST(id AS text))) FROM uuid_list(:ids) AS id",
                        Long.class)
                .setParameter("channel", StatusChanges.CHANNEL)
                .setParameter("ids", reservationIds)
                .getSingleResult())
                .replaceWithVoid();
    }

    /** processed_event is the platform's table (the inbox's record), emptied with the view it vouches for. */
    @Override
    public Uni<Void> emptyWithAppliedEvents() {
        return Panache.getSession().flatMap(session -> session
                .createNativeQuery("TRUNCATE reservation_status, processed_event")
                .executeUpdate())
                .replaceWithVoid();
    }
}
