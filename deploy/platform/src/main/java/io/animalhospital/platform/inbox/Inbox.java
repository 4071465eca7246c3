package io.animalhospital.platform.inbox;

import java.util.function.Function;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.animalhospital.platform.tracing.InSpan;
import io.animalhospital.platform.tracing.Traces;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.TracingMetadata;

/**
 * The idempotent consumer: reads a message as an event and applies it once. The event id is recorded in the
 * transaction of its effect, so a redelivery changes nothing. Put {@code @Retry(abortOn =
 * UnreadableEventException.class)} on the {@code @Incoming} method that calls {@code applyOnce}: each attempt is
 * a fresh transaction, and a message that is unreadable or keeps failing goes to the channel's dead-letter topic.
 */
@ApplicationScoped
public class Inbox {

    private static final Logger LOG = Logger.getLogger(Inbox.class);
    private static final AttributeKey<String> MESSAGING_DESTINATION = AttributeKey.stringKey("messaging.destination.name");

    private final ObjectMapper lenient;
    private final ProcessedEvents processed;
    private final ShutdownGuard shutdown;
    private final Tracer tracer;

    public Inbox(ObjectMapper mapper, ProcessedEvents processed, ShutdownGuard shutdown, Tracer tracer) {
        this.tracer = tracer;
        // Events may grow fields before their consumers know them.
        this.lenient = mapper.copy().disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
        this.processed = processed;
        this.shutdown = shutdown;
    }

    /** Fails with {@link UnreadableEventException} when the message is not an event. */
    public IncomingEvent read(String payload) {
        return IncomingEvent.read(payload, lenient);
    }

    /**
     * {@link #applyOnce(String, IncomingEvent, Function)} within the trace the record came with (its
     * {@code traceparent} header, read by the Kafka connector; take it as a parameter of the {@code @Incoming} method):
     * a span "apply &lt;type&gt;" is current while the effect runs, so its statements and the events it writes to the
     * outbox belong to the trace of the request that started it all (decision 0095).
     */
    public Uni<Void> applyOnce(String topic, IncomingEvent event, TracingMetadata received,
            Function<IncomingEvent, Uni<Void>> effect) {
        Context parent = received == null ? Context.current() : received.getCurrentContext();
        return InSpan.run(tracer.spanBuilder("apply " + event.type())
                        .setSpanKind(SpanKind.CONSUMER)
                        .setAttribute(MESSAGING_DESTINATION, topic),
                parent, () -> applyOnce(topic, event, effect));
    }

    /** Applies the event's effect in one transaction with its record, unless it was applied before. */
    public Uni<Void> applyOnce(String topic, IncomingEvent event, Function<IncomingEvent, Uni<Void>> effect) {
        Traces.reservation(event.reservationId());
        Uni<Void> once = Panache.withTransaction(() -> processed.firstDelivery(event.eventId(), topic)
                .flatMap(first -> first ? effect.apply(event).replaceWith(true) : alreadyApplied(event).replaceWith(false)))
                // One line per event a service acted on: with the trace and reservation ids, a booking can be followed.
                .invoke(applied -> {
                    if (applied) {
                        LOG.infof("%s %s of %s applied", event.type(), event.eventId(), topic);
                    }
                })
                .replaceWithVoid();
        return shutdown.guard(once);
    }

    private static Uni<Void> alreadyApplied(IncomingEvent event) {
        LOG.debugf("Event %s already applied", event.eventId());
        return Uni.createFrom().voidItem();
    }
}
