package io.animalhospital.notice.messaging;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.faulttolerance.api.ExponentialBackoff;
import org.eclipse.microprofile.faulttolerance.Retry;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.animalhospital.notice.domain.NotificationDelivery;
import io.animalhospital.notice.domain.NotificationService;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;

/**
 * Applies the events of billing-events to this service's state. At-least-once delivery, applied once: the event id is
 * recorded in the same transaction as the effect. Transient failures are retried with backoff; a message
 * that is unreadable or keeps failing goes to {@code billing-events.dlq} and consumption goes on.
 * While the service stops, a failure sends nothing to the DLQ ({@link ShutdownGuard}).
 */
@ApplicationScoped
public class BillingEventsConsumer {

    static final String TOPIC = "billing-events";
    private static final Logger LOG = Logger.getLogger(BillingEventsConsumer.class);

    private final ObjectMapper mapper;
    private final ProcessedEvents processed;
    private final NotificationService notices;
    private final NotificationDelivery delivery;
    private final ShutdownGuard shutdown;

    public BillingEventsConsumer(ObjectMapper mapper, ProcessedEvents processed, NotificationService notices,
            NotificationDelivery delivery, ShutdownGuard shutdown) {
        this.mapper = IncomingEvent.lenient(mapper);
        this.processed = processed;
        this.notices = notices;
        this.delivery = delivery;
        this.shutdown = shutdown;
    }

    @Incoming(TOPIC)
    @Retry(maxRetries = 8, delay = 200, abortOn = IncomingEvent.UnreadableEventException.class)
    @ExponentialBackoff(maxDelay = 10_000)
    public Uni<Void> consume(String payload) {
        IncomingEvent event = IncomingEvent.read(payload, mapper);
        // The transaction sits inside the retry: each attempt is a fresh transaction.
        Uni<Void> once = Panache.withTransaction(() -> processed.firstDelivery(event.eventId(), TOPIC).flatMap(first -> {
            if (!first) {
                LOG.debugf("Event %s already applied", event.eventId());
                return Uni.createFrom().voidItem();
            }
            return apply(event);
        }));
        // Delivered after the commit, never inside the consuming transaction.
        return shutdown.guard(once).invoke(delivery::wake);
    }

    private Uni<Void> apply(IncomingEvent event) {
        if (BillingEvents.TYPES.contains(event.type())) {
            return notices.billEvent(event.as(BillingEvents.BillEvent.class));
        }
        // Events this service does not act on are recorded and skipped.
        return Uni.createFrom().voidItem();
    }
}
