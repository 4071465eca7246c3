package io.animalhospital.lookup.domain;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;

/** Applies events' changes to reservation status views ({@link ReservationStatusLookup} reads them). */
@ApplicationScoped
public class ReservationStatusProjection {

    private final StatusViews views;

    public ReservationStatusProjection(StatusViews views) {
        this.views = views;
    }

    /**
     * Applies the changes in their order inside the caller's transaction. Each view is created if new and
     * row-locked once, all of them up front ({@link StatusViews#lockOrCreate}). Answers the documents as they will
     * be committed, one per change that changed something (a change the view had seen already is skipped).
     */
    public Uni<List<StatusDocument>> apply(List<ViewChange> changes) {
        if (changes.isEmpty()) {
            return Uni.createFrom().item(List.of());
        }
        List<UUID> ids = changes.stream().map(ViewChange::reservationId).distinct().toList();
        return views.lockOrCreate(ids).map(locked -> applyTo(locked, changes))
                // Every replica's live subscribers hear of the changes once this transaction commits.
                .call(documents -> documents.isEmpty() ? Uni.createFrom().voidItem()
                        : views.announceChanged(documents.stream().map(StatusDocument::reservationId).distinct().toList()));
    }

    private static List<StatusDocument> applyTo(List<ReservationStatusView> locked, List<ViewChange> changes) {
        Map<UUID, ReservationStatusView> byId = new HashMap<>();
        locked.forEach(view -> byId.put(view.reservationId, view));
        List<StatusDocument> documents = new ArrayList<>();
        for (ViewChange change : changes) {
            ReservationStatusView view = byId.get(change.reservationId());
            if (view.admit(change.eventId(), change.occurredAt())) {
                change.effect().accept(view);
                documents.add(StatusDocument.of(view));
            }
        }
        return documents;
    }

    /** Empties the view and the record of applied events, for a rebuild. */
    @WithTransaction
    public Uni<Void> empty() {
        return views.emptyWithAppliedEvents();
    }
}
