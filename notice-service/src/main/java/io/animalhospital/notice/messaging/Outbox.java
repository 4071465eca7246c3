package io.animalhospital.notice.messaging;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.smallrye.mutiny.Uni;

/** Appends events to the outbox inside the caller's transaction; {@link OutboxRelay} publishes them. */
@ApplicationScoped
public class Outbox {

    private final ObjectMapper mapper;

    public Outbox(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    public Uni<Void> append(String topic, DomainEvent event) {
        OutboxEvent row = new OutboxEvent();
        row.eventId = event.eventId();
        row.topic = topic;
        row.recordKey = event.reservationId().toString();
        row.eventType = event.type();
        row.occurredAt = event.occurredAt();
        try {
            row.payload = mapper.writeValueAsString(event);
        } catch (JsonProcessingException e) {
            return Uni.createFrom().failure(e);
        }
        return row.persist().replaceWithVoid();
    }
}
