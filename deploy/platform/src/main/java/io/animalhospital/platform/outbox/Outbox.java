package io.animalhospital.platform.outbox;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.animalhospital.platform.tracing.Traces;
import io.smallrye.mutiny.Uni;

/**
 * Appends events to the outbox inside the caller's transaction; {@link OutboxRelay} publishes them after the
 * commit. Call it from a method that holds the transaction ({@code @WithTransaction}).
 */
@ApplicationScoped
public class Outbox {

    private final ObjectMapper mapper;

    public Outbox(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    public Uni<Void> append(String topic, DomainEvent event) {
        return persist(topic, event, null);
    }

    /**
     * Appends an event that is published only when {@code hold} has passed, unless {@link #withdraw withdrawn}
     * before: what must happen if the caller never comes back (a crash, a lost connection), written before the
     * caller starts.
     */
    public Uni<Void> hold(String topic, DomainEvent event, Duration hold) {
        return persist(topic, event, Instant.now().plus(hold));
    }

    /** Publishes a held event now. False if it is no longer held here (withdrawn, or already published). */
    public Uni<Boolean> release(UUID eventId) {
        return OutboxEvent.update("heldUntil = null where eventId = ?1 and heldUntil is not null", eventId)
                .map(rows -> rows > 0);
    }

    /** Takes a held event back. False if it is gone: published already, so the caller must not go on. */
    public Uni<Boolean> withdraw(UUID eventId) {
        return OutboxEvent.delete("eventId = ?1 and heldUntil is not null", eventId).map(rows -> rows > 0);
    }

    private Uni<Void> persist(String topic, DomainEvent event, Instant heldUntil) {
        OutboxEvent row = new OutboxEvent();
        row.eventId = event.eventId();
        row.topic = topic;
        row.recordKey = event.reservationId().toString();
        row.eventType = event.type();
        row.occurredAt = event.occurredAt();
        row.heldUntil = heldUntil;
        row.traceParent = Traces.traceparent();
        try {
            row.payload = mapper.writeValueAsString(event);
        } catch (JsonProcessingException e) {
            return Uni.createFrom().failure(e);
        }
        return row.persist().replaceWithVoid();
    }
}
