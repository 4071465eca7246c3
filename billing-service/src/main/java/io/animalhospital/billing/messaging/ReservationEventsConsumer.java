package io.animalhospital.billing.messaging;

import io.animalhospital.platform.deadletter.ReplayableConsumer;
import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.faulttolerance.Retry;
import org.eclipse.microprofile.reactive.messaging.Incoming;

import io.animalhospital.billing.domain.Ownership;
import io.animalhospital.platform.inbox.Inbox;
import io.animalhospital.platform.inbox.IncomingEvent;
import io.animalhospital.platform.inbox.UnreadableEventException;
import io.smallrye.faulttolerance.api.ExponentialBackoff;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.TracingMetadata;

/**
 * Learns whose each reservation is from {@code reservation-events}, once per event id, so that a customer can read
 * and pay the bills of their own reservations. Every type carries the reservation's snapshot, so any of them
 * (not only the placement) teaches the owner, and a newer snapshot wins over an older one. Transient failures are
 * retried with backoff; an unreadable event or one that keeps failing goes to {@code reservation-events.dlq}.
 */
@ApplicationScoped
public class ReservationEventsConsumer implements ReplayableConsumer {

    static final String TOPIC = "reservation-events";

    private final Inbox inbox;
    private final Ownership ownership;

    public ReservationEventsConsumer(Inbox inbox, Ownership ownership) {
        this.inbox = inbox;
        this.ownership = ownership;
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

    /** Unknown types, and events without a phone, are recorded and skipped. */
    private Uni<Void> apply(IncomingEvent event) {
        return event.typeIn(ReservationEventType.class)
                .map(type -> event.as(ReservationEvent.class))
                .filter(ReservationEvent::carriesPhone)
                .map(e -> ownership.learn(e.reservationId(), e.reservation().phone(), e.reservation().updatedAt()))
                .orElseGet(() -> Uni.createFrom().voidItem());
    }
}
