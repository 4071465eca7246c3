package io.animalhospital.lookup.domain;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.function.Consumer;

import jakarta.enterprise.context.ApplicationScoped;

import io.animalhospital.lookup.repository.StatusViewRepository;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;

/** Applies events to reservation status views, and reads them. */
@ApplicationScoped
public class ReservationStatusProjection {

    private final StatusViewRepository views;

    public ReservationStatusProjection(StatusViewRepository views) {
        this.views = views;
    }

    /**
     * Applies one event's facts to its reservation's view, inside the caller's transaction and under the row
     * lock. Answers the document as it will be committed, or null when the view had seen this event already.
     */
    public Uni<StatusDocument> apply(UUID reservationId, UUID eventId, Instant occurredAt,
            Consumer<ReservationStatusView> change) {
        return views.lockOrCreate(reservationId).map(view -> {
            if (!view.admit(eventId, occurredAt)) {
                return null;
            }
            change.accept(view);
            return StatusDocument.of(view);
        });
    }

    @WithSession
    public Uni<StatusDocument> find(UUID reservationId) {
        return views.findById(reservationId).map(view -> view == null ? null : StatusDocument.of(view));
    }

    @WithSession
    public Uni<List<StatusDocument>> byPhone(String phone) {
        return views.byPhone(phone).map(list -> list.stream().map(StatusDocument::of).toList());
    }
}
