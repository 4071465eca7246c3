package io.animalhospital.billing.messaging;

import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;

/** The consumer side of exactly-once effects: an event id is recorded in the same transaction as its effect. */
@ApplicationScoped
public class ProcessedEvents {

    /** Records the event in the current transaction; {@code false} when it was applied before. */
    public Uni<Boolean> firstDelivery(UUID eventId, String topic) {
        return Panache.getSession().flatMap(session -> session
                .createNativeQuery("INSERT INTO processed_event (event_id, topic) VALUES (:id, :topic) ON CONFLICT DO NOTHING")
                .setParameter("id", eventId)
                .setParameter("topic", topic)
                .executeUpdate())
                .map(inserted -> inserted == 1);
    }
}
