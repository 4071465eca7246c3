package io.animalhospital.platform.testapp;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.faulttolerance.Retry;
import org.eclipse.microprofile.reactive.messaging.Incoming;

import io.animalhospital.platform.deadletter.ReplayableConsumer;
import io.animalhospital.platform.inbox.Inbox;
import io.animalhospital.platform.inbox.IncomingEvent;
import io.animalhospital.platform.inbox.UnreadableEventException;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.TracingMetadata;

/**
 * Counts how often each reservation's events took effect; a {@code Fails} event always fails, a {@code Flaky} one
 * while {@link #FLAKY_FAILS} is set (a fault an operator mends before replaying its dead letters).
 */
@ApplicationScoped
public class NoteConsumer implements ReplayableConsumer {

    public static final java.util.concurrent.atomic.AtomicBoolean FLAKY_FAILS = new java.util.concurrent.atomic.AtomicBoolean(true);

    static final String TOPIC = "notes-in";

    enum NoteEventType { NoteWritten, Fails, Flaky }

    private final Inbox inbox;

    public NoteConsumer(Inbox inbox) {
        this.inbox = inbox;
    }

    @Incoming(TOPIC)
    @Retry(maxRetries = 2, delay = 50, abortOn = UnreadableEventException.class)
    public Uni<Void> consume(String payload, TracingMetadata received) {
        return inbox.applyOnce(TOPIC, inbox.read(payload), received, this::apply);
    }

    @Override
    public String topic() {
        return TOPIC;
    }

    @Override
    public Uni<Void> replay(String payload) {
        return inbox.applyOnce(TOPIC, inbox.read(payload), this::apply);
    }

    private Uni<Void> apply(IncomingEvent event) {
        return event.typeIn(NoteEventType.class).map(type -> switch (type) {
            case NoteWritten -> count(event);
            case Fails -> Uni.createFrom().<Void>failure(new IllegalStateException("this event always fails"));
            case Flaky -> FLAKY_FAILS.get()
                    ? Uni.createFrom().<Void>failure(new IllegalStateException("this event fails until mended"))
                    : count(event);
        }).orElseGet(() -> Uni.createFrom().voidItem());
    }

    private static Uni<Void> count(IncomingEvent event) {
        return Panache.getSession().chain(session -> session.createNativeQuery(
                "INSERT INTO applied_note (reservation_id, times) VALUES (:id, 1)"
                        + " ON CONFLICT (reservation_id) DO UPDATE SET times = applied_note.times + 1")
                .setParameter("id", event.reservationId())
                .executeUpdate())
                .replaceWithVoid();
    }
}
