package io.animalhospital.platform.inbox;

import java.util.function.Function;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;

/**
 * The idempotent consumer: reads a message as an event and applies it once. The event id is recorded in the
 * transaction of its effect, so a redelivery changes nothing. Put {@code @Retry(abortOn =
 * UnreadableEventException.class)} on the {@code @Incoming} method that calls {@link #applyOnce}: each attempt is
 * a fresh transaction, and a message that is unreadable or keeps failing goes to the channel's dead-letter topic.
 */
@ApplicationScoped
public class Inbox {

    private static final Logger LOG = Logger.getLogger(Inbox.class);

    private final ObjectMapper lenient;
    private final ProcessedEvents processed;
    private final ShutdownGuard shutdown;

    public Inbox(ObjectMapper mapper, ProcessedEvents processed, ShutdownGuard shutdown) {
        // Events may grow fields before their consumers know them.
        this.lenient = mapper.copy().disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
        this.processed = processed;
        this.shutdown = shutdown;
    }

    /** Fails with {@link UnreadableEventException} when the message is not an event. */
    public IncomingEvent read(String payload) {
        return IncomingEvent.read(payload, lenient);
    }

    /** Applies the event's effect in one transaction with its record, unless it was applied before. */
    public Uni<Void> applyOnce(String topic, IncomingEvent event, Function<IncomingEvent, Uni<Void>> effect) {
        Uni<Void> once = Panache.withTransaction(() -> processed.firstDelivery(event.eventId(), topic)
                .flatMap(first -> first ? effect.apply(event) : alreadyApplied(event)));
        return shutdown.guard(once);
    }

    private static Uni<Void> alreadyApplied(IncomingEvent event) {
        LOG.debugf("Event %s already applied", event.eventId());
        return Uni.createFrom().voidItem();
    }
}
