package io.animalhospital.lookup.messaging;

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
     * Records the events in the current transaction, in one statement; answers those not recorded before (a
     * redelivery, or the same event twice in one poll, is recorded once), as a set the caller may use up.
     */
    public Uni<Set<UUID>> firstDeliveries(List<UUID> eventIds, String topic) {
        if (eventIds.isEmpty()) {
            return Uni.createFrom().item(new HashSet<>());
        }
        // The ids are bound as a list ($2, $3, ...), not as one array: Hibernate 7 never finds a native query's
        // plan in its cache again (its key does not equal the stored copy), so every call added one more entry, all
        // under one hash, and each call walked them all: a quarter of this service's CPU under load. Plans of
        // queries with a list parameter are not cached. uuid_list (V3) turns the list into rows.
        return Panache.getSession().flatMap(session -> session
                .createNativeQuery("INSERT INTO processed_event (event_id, topic) SELECT DISTINCT id, :topic"
                        + " FROM uuid_list(:ids) AS id ON CONFLICT DO NOTHING RETURNING event_id", UUID.class)
                .setParameter("ids", eventIds)
                .setParameter("topic", topic)
                .getResultList())
                .map(HashSet::new);
    }
}
