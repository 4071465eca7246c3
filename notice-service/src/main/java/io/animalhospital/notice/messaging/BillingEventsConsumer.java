package io.animalhospital.notice.messaging;

import io.animalhospital.platform.deadletter.ReplayableConsumer;
import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.faulttolerance.Retry;
import org.eclipse.microprofile.reactive.messaging.Incoming;

import io.animalhospital.notice.domain.NotificationDelivery;
import io.animalhospital.notice.domain.NotificationService;
import io.animalhospital.platform.inbox.Inbox;
import io.animalhospital.platform.inbox.IncomingEvent;
import io.animalhospital.platform.inbox.UnreadableEventException;
import io.smallrye.faulttolerance.api.ExponentialBackoff;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.TracingMetadata;

/**
 * Stores a notification for each bill issued or paid on {@code billing-events}, once per event id. Transient
 * failures are retried with backoff (each attempt a fresh transaction); an unreadable event or one that keeps
 * failing goes to {@code billing-events.dlq} and consumption goes on.
 */
@ApplicationScoped
public class BillingEventsConsumer implements ReplayableConsumer {

    static final String TOPIC = "billing-events";

    private final Inbox inbox;
    private final NotificationService notices;
    private final NotificationDelivery delivery;

    public BillingEventsConsumer(Inbox inbox, NotificationService notices, NotificationDelivery delivery) {
        this.inbox = inbox;
        this.notices = notices;
        this.delivery = delivery;
    }

    @Override
    public String topic() {
        return TOPIC;
    }

    /** An administrator's replay of a dead letter: the same path, without the retries. */
    @Override
    public Uni<Void> replay(String payload) {
        return consume(payload, null);
    }

    @Incoming(TOPIC)
    @Retry(maxRetries = 8, delay = 200, abortOn = UnreadableEventException.class)
    @ExponentialBackoff(maxDelay = 10_000)
    public Uni<Void> consume(String payload, TracingMetadata received) {
        // Delivered after the commit, never inside the consuming transaction.
        return inbox.applyOnce(TOPIC, inbox.read(payload), received, this::apply).invoke(delivery::wake);
    }

    /** Unknown types are recorded and skipped. */
    private Uni<Void> apply(IncomingEvent event) {
        return event.typeIn(BillingEventType.class)
                .map(type -> notices.billChanged(event.as(BillEvent.class).change(type)))
                .orElseGet(() -> Uni.createFrom().voidItem());
    }
}
