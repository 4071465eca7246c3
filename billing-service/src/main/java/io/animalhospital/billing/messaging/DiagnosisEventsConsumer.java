package io.animalhospital.billing.messaging;

import io.animalhospital.platform.deadletter.ReplayableConsumer;
import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.faulttolerance.Retry;
import org.eclipse.microprofile.reactive.messaging.Incoming;

import io.animalhospital.billing.domain.BillingDesk;
import io.animalhospital.platform.inbox.Inbox;
import io.animalhospital.platform.inbox.IncomingEvent;
import io.animalhospital.platform.inbox.UnreadableEventException;
import io.smallrye.faulttolerance.api.ExponentialBackoff;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.TracingMetadata;

/**
 * Bills each treatment on {@code diagnosis-events}, once per event id. Transient failures are retried with
 * backoff (each attempt a fresh transaction); an unreadable event or one that keeps failing goes to
 * {@code diagnosis-events.dlq} and consumption goes on.
 */
@ApplicationScoped
public class DiagnosisEventsConsumer implements ReplayableConsumer {

    static final String TOPIC = "diagnosis-events";

    private final Inbox inbox;
    private final BillingDesk desk;

    public DiagnosisEventsConsumer(Inbox inbox, BillingDesk desk) {
        this.inbox = inbox;
        this.desk = desk;
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
        return inbox.applyOnce(TOPIC, inbox.read(payload), received, this::apply);
    }

    /** Types billing does not act on, and unknown ones, are recorded and skipped. */
    private Uni<Void> apply(IncomingEvent event) {
        return event.typeIn(DiagnosisEventType.class)
                .filter(type -> type == DiagnosisEventType.Treated)
                .map(type -> issue(event.as(Treated.class)))
                .orElseGet(() -> Uni.createFrom().voidItem());
    }

    private Uni<Void> issue(Treated treated) {
        return desk.issue(treated.reservationId(), treated.eventId(), treated.billableItems());
    }
}
