package io.animalhospital.lookup.domain;

import java.util.List;
import java.util.UUID;

import io.animalhospital.platform.paging.PageRequest;
import io.animalhospital.platform.paging.Paged;
import io.smallrye.mutiny.Uni;

/** Where the reservation status views are kept. */
public interface StatusViews {

    /**
     * The reservations' views, each created empty if this is the first event about it, and row-locked until the
     * transaction ends, taken in one order so that two polls sharing reservations wait rather than deadlock.
     */
    Uni<List<ReservationStatusView>> lockOrCreate(List<UUID> reservationIds);

    /** The view of one reservation, or null when no event about it arrived yet. */
    Uni<ReservationStatusView> ofReservation(UUID reservationId);

    /** The views of these reservations that exist. */
    Uni<List<ReservationStatusView>> inIds(List<UUID> reservationIds);

    /**
     * Tells every replica that these reservations' views changed, delivered when the current transaction commits
     * and not at all if it rolls back (PostgreSQL NOTIFY on {@link StatusChanges#CHANNEL}, payload the id).
     */
    Uni<Void> announceChanged(List<UUID> reservationIds);

    /** One page of a phone's views, ordered by date, reservationId. */
    Uni<Paged<ReservationStatusView>> byPhone(String phone, PageRequest page);

    /** Empties the view and the consumers' memory of applied events: the start of a rebuild. */
    Uni<Void> emptyWithAppliedEvents();
}
