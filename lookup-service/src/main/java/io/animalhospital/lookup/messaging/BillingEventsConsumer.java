package io.animalhospital.lookup.messaging;

import java.time.Instant;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.faulttolerance.api.ExponentialBackoff;
import org.eclipse.microprofile.faulttolerance.Retry;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.animalhospital.lookup.domain.ReservationStatusProjection;
import io.animalhospital.lookup.domain.StatusDocument;
import io.animalhospital.lookup.messaging.LookupEvents.BillEvent;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;

/**
 * Applies the events of billing-events to this service's state. At-least-once delivery, applied once: the event id is
 * recorded in the same transaction as the effect. Transient failures are retried with backoff; a message
 * that is unreadable or keeps failing goes to {@code billing-events.dlq} and consumption goes on.
 */
@ApplicationScoped
public class BillingEventsConsumer {

    static final String TOPIC = "billing-events";
    private static final Logger LOG = Logger.getLogger(BillingEventsConsumer.class);

    private final ObjectMapper mapper;
    private final ProcessedEvents processed;
    private final ReservationStatusProjection projection;
    private final StatusChanges changes;

    public BillingEventsConsumer(ObjectMapper mapper, ProcessedEvents processed, ReservationStatusProjection projection,
            StatusChanges changes) {
        this.mapper = IncomingEvent.lenient(mapper);
        this.processed = processed;
        this.projection = projection;
        this.changes = changes;
    }

    @Incoming(TOPIC)
    @Retry(maxRetries = 8, delay = 200, abortOn = IncomingEvent.UnreadableEventException.class)
    @ExponentialBackoff(maxDelay = 10_000)
    public Uni<Void> consume(String payload) {
        IncomingEvent event = IncomingEvent.read(payload, mapper);
        // The transaction sits inside the retry: each attempt is a fresh transaction.
        return Panache.withTransaction(() -> processed.firstDelivery(event.eventId(), TOPIC).flatMap(first -> {
            if (!first) {
                LOG.debugf("Event %s already applied", event.eventId());
                return Uni.createFrom().<StatusDocument>nullItem();
            }
            return apply(event);
        }))
                .onFailure().invoke(failure -> LOG.warnf("Applying %s %s failed (retried, then DLQ): %s",
                        event.type(), event.eventId(), failure.toString()))
                // Live subscribers hear about a change only once it is committed.
                .invoke(changes::publish)
                .replaceWithVoid();
    }

    /** The changed document, or null when nothing changed. */
    private Uni<StatusDocument> apply(IncomingEvent event) {
        return switch (event.type()) {
            case "BillIssued", "BillPaid" -> {
                BillEvent e = event.as(BillEvent.class);
                Instant at = LookupEvents.occurredAt(e.occurredAt(), event);
                String status = e.status() != null ? e.status() : "BillPaid".equals(e.type()) ? "PAID" : "ISSUED";
                yield projection.apply(e.reservationId(), e.eventId(), at, view -> {
                    view.bill(e.billId(), e.total(), status, at);
                    view.history(e.eventId(), status, at, e.type());
                });
            }
            // Events this service does not act on are recorded and skipped.
            default -> Uni.createFrom().nullItem();
        };
    }
}
