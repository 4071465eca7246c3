package io.animalhospital.platform.inbox;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;

/** The consumer side of exactly-once effects: an event id is recorded in the same transaction as its effect. */
@ApplicationScoped
public class ProcessedEvents {

    /** Records the event in the current transaction; false when it was applied before. */
    public Uni<Boolean> firstDelivery(UUID eventId, String topic) {
        return firstDeliveries(List.of(eventId), topic).map(first -> !first.isEmpty());
    }

    /**
     * Records the events in the current transaction, in one statement; answers those not recorded before (a
     * redelivery, or the same event twice in one poll, is recorded once), as a set the caller may use up.
     */
    public Uni<Set<UUID>> firstDeliveries(List<UUID> eventIds, String topic) {
        if (eventIds.isEmpty()) {
            return Uni.createFrom().item(new HashSet<>());
        }
        // A list parameter, not one array: Hibernate caches no plan for it (see docs/decisions, query plans).
        return Panache.getSession().flatMap(session -> session
                .createNativeQuery("INSERT INTO processed_event (event_id, topic) SELECT DISTINCT id, :topic"
                        + " FROM uuid_list(:ids) AS id ON CONFLICT DO NOTHING RETURNING event_id", UUID.class)
                .setParameter("ids", eventIds)
                .setParameter("topic", topic)
                .getResultList())
                .map(HashSet::new);
    }
}
