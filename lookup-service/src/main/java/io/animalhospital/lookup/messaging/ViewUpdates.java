package io.animalhospital.lookup.messaging;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.faulttolerance.api.ExponentialBackoff;
import org.eclipse.microprofile.faulttolerance.Retry;

import io.animalhospital.lookup.domain.ReservationStatusProjection;
import io.animalhospital.lookup.domain.StatusDocument;
import io.animalhospital.lookup.domain.ViewChange;
import io.animalhospital.platform.inbox.ProcessedEvents;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;

/**
 * The view's transactions for consumed events. Each event id is recorded in the same transaction as its change,
 * so a redelivered event changes nothing. Failures are retried, each attempt in a fresh transaction: the retried
 * methods call {@link #inOneTransaction} on this bean, and Quarkus intercepts such calls (it must stay non-private).
 */
@ApplicationScoped
public class ViewUpdates {

    /** A readable event: its id, and its change of the view (null for events this service does not act on). */
    public record ConsumedEvent(UUID eventId, ViewChange change) {
    }

    private final ProcessedEvents processed;
    private final ReservationStatusProjection projection;

    public ViewUpdates(ProcessedEvents processed, ReservationStatusProjection projection) {
        this.processed = processed;
        this.projection = projection;
    }

    /** A whole poll's events in one transaction. Retried briefly: a batch that keeps failing is split up ({@link #alone}). */
    @Retry(maxRetries = 2, delay = 100)
    public Uni<List<StatusDocument>> together(String topic, List<ConsumedEvent> events) {
        return inOneTransaction(topic, events);
    }

    /** One event in its own transaction, retried with backoff; if it still fails, the caller sends it to the DLQ. */
    @Retry(maxRetries = 8, delay = 200)
    @ExponentialBackoff(maxDelay = 10_000)
    public Uni<List<StatusDocument>> alone(String topic, ConsumedEvent event) {
        return inOneTransaction(topic, List.of(event));
    }

    /** Answers the documents the events changed, as they will be committed. */
    @WithTransaction
    Uni<List<StatusDocument>> inOneTransaction(String topic, List<ConsumedEvent> events) {
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
