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

    /**
     * Ids per statement. Hibernate pads a list parameter to the next power of two, and a PostgreSQL function takes
     * at most 100 arguments: 64 is the largest list that stays within it.
     */
    static final int CHUNK = 64;

    /** Records the event in the current transaction; false when it was applied before. */
    public Uni<Boolean> firstDelivery(UUID eventId, String topic) {
        return firstDeliveries(List.of(eventId), topic).map(first -> !first.isEmpty());
    }

    /**
     * Records the events in the current transaction, in one statement; answers those not recorded before (a
     * redelivery, or the same event twice in one poll, is recorded once), as a set the caller may use up.
     */
    public Uni<Set<UUID>> firstDeliveries(List<UUID> eventIds, String topic) {
        Set<UUID> first = new HashSet<>();
        Uni<Set<UUID>> recorded = Uni.createFrom().item(first);
        for (int from = 0; from < eventIds.size(); from += CHUNK) {
            List<UUID> chunk = eventIds.subList(from, Math.min(from + CHUNK, eventIds.size()));
            recorded = recorded.chain(() -> recordNew(chunk, topic)).invoke(first::addAll).replaceWith(first);
        }
        return recorded;
    }

    private static Uni<List<UUID>> recordNew(List<UUID> eventIds, String topic) {
        // A list parameter, not one array: Hibernate caches no plan for it (see docs/decisions, query plans).
        return Panache.getSession().flatMap(session -> session
                .createNativeQuery("INSERT INTO processed_event (event_id, topic) SELECT DISTINCT id, :topic"
                        + " FROM uuid_list(:ids) AS id ON CONFLICT DO NOTHING RETURNING event_id", UUID.class)
                .setParameter("ids", eventIds)
                .setParameter("topic", topic)
                .getResultList());
    }
}
