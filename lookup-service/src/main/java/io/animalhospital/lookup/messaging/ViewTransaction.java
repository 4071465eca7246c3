package io.animalhospital.lookup.messaging;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.animalhospital.lookup.domain.ReservationStatusProjection;
import io.animalhospital.lookup.domain.StatusDocument;
import io.animalhospital.lookup.domain.ViewChange;
import io.animalhospital.platform.inbox.ProcessedEvents;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;

/** Consumed events applied to the view in one transaction with the record of their ids, so a redelivery changes nothing. */
@ApplicationScoped
public class ViewTransaction {

    /** A readable event: its id, and its change of the view (null for events this service does not act on). */
    public record ConsumedEvent(UUID eventId, ViewChange change) {
    }

    private final ProcessedEvents processed;
    private final ReservationStatusProjection projection;

    public ViewTransaction(ProcessedEvents processed, ReservationStatusProjection projection) {
        this.processed = processed;
        this.projection = projection;
    }

    /** Answers the documents the events changed, as they are committed. */
    @WithTransaction
    public Uni<List<StatusDocument>> apply(String topic, List<ConsumedEvent> events) {
        return processed.firstDeliveries(events.stream().map(ConsumedEvent::eventId).toList(), topic)
                .map(fresh -> firstChanges(fresh, events))
                .chain(projection::apply);
    }

    /** The changes of the events not applied before, in their order. */
    private static List<ViewChange> firstChanges(Set<UUID> fresh, List<ConsumedEvent> events) {
        List<ViewChange> changes = new ArrayList<>();
        for (ConsumedEvent event : events) {
            // remove: the same event twice in one poll is applied once
            if (fresh.remove(event.eventId()) && event.change() != null) {
                changes.add(event.change());
            }
        }
        return changes;
    }
}
