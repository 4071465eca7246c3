package io.animalhospital.lookup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import jakarta.inject.Inject;

import org.eclipse.microprofile.config.ConfigProvider;
import org.hibernate.reactive.mutiny.Mutiny;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.animalhospital.infra.TestDatabase;
import io.animalhospital.infra.TestKafka;
import io.quarkus.test.junit.QuarkusTest;

/** The consumer plumbing against the real broker and database: applied once, poison and failing events to the DLQ. */
@QuarkusTest
class MessagingPlumbingTest {

    private static final String TOPIC = "reservation-events";
    private static TestKafka kafka;
    private static TestDatabase db;

    @Inject
    Mutiny.SessionFactory sessionFactory;

    @BeforeAll
    static void connect() {
        kafka = new TestKafka(ConfigProvider.getConfig().getValue("kafka.bootstrap.servers", String.class));
        db = new TestDatabase(ConfigProvider.getConfig().getValue("quarkus.datasource.jdbc.url", String.class));
    }

    @AfterAll
    static void close() {
        kafka.close();
    }

    @Test
    void anEventDeliveredTwiceIsRecordedOnce() {
        UUID eventId = UUID.randomUUID();
        String reservationId = UUID.randomUUID().toString();
        String event = event(eventId, reservationId);
        kafka.send(TOPIC, reservationId, event);
        kafka.send(TOPIC, reservationId, event);
        UUID marker = UUID.randomUUID();
        kafka.send(TOPIC, reservationId, event(marker, reservationId));

        await().atMost(Duration.ofSeconds(30)).until(() -> processed(marker) == 1);
        assertThat(processed(eventId)).isEqualTo(1);
    }

    @Test
    void poisonMessageGoesToTheDlqAndConsumptionGoesOn() {
        String key = UUID.randomUUID().toString();
        try (TestKafka.Reader dlq = kafka.reader(TOPIC + ".dlq")) {
            UUID next = UUID.randomUUID();
            // In one poll: the event after the poison is applied in the same call, not sent along to the DLQ.
            kafka.sendTogether(TOPIC, key, "{not json " + key, event(next, key));

            await().atMost(Duration.ofSeconds(30)).until(() -> processed(next) == 1);
            await().atMost(Duration.ofSeconds(30))
                    .until(() -> !dlq.matching(r -> key.equals(r.key())).isEmpty());
        }
    }

    @Test
    void anEventThatKeepsFailingGoesToTheDlqAloneAndTheEventsAroundItAreApplied() {
        ClinicEvents before = new ClinicEvents(ClinicEvents.uniquePhone());
        ClinicEvents failing = new ClinicEvents(ClinicEvents.uniquePhone());
        ClinicEvents after = new ClinicEvents(ClinicEvents.uniquePhone());
        Instant at = Instant.now();
        ClinicEvents.Sent first = before.reservation("ReservationPlaced", "RESERVED", at);
        // Readable, but PostgreSQL refuses to store it (no NUL in text), however often it is tried: a producer's bug.
        ClinicEvents.Sent placed = failing.reservation("ReservationPlaced", "RESERVED", at);
        ClinicEvents.Sent rejected = new ClinicEvents.Sent(placed.topic(), placed.key(),
                placed.json().replace("Hong Gildong", "Hong\\u0000Gildong"), placed.eventId());
        ClinicEvents.Sent last = after.reservation("ReservationPlaced", "RESERVED", at);
        try (TestKafka.Reader dlq = kafka.reader(TOPIC + ".dlq")) {
            // Sent back to back: in one poll or several, only the failing event may end up in the DLQ.
            first.to(kafka);
            rejected.to(kafka);
            last.to(kafka);

            await().atMost(Duration.ofSeconds(30))
                    .until(() -> !dlq.matching(r -> failing.reservationId.toString().equals(r.key())).isEmpty());
            await().atMost(Duration.ofSeconds(30)).until(() -> processed(first.eventId()) == 1 && processed(last.eventId()) == 1);
            assertThat(processed(rejected.eventId())).isZero();
            assertThat(dlq.matching(r -> before.reservationId.toString().equals(r.key())
                    || after.reservationId.toString().equals(r.key()))).isEmpty();
            assertThat(db.count("SELECT count(*) FROM reservation_status WHERE reservation_id IN (?, ?) AND phone IS NOT NULL",
                    before.reservationId, after.reservationId)).isEqualTo(2);
            assertThat(db.count("SELECT count(*) FROM reservation_status WHERE reservation_id = ?", failing.reservationId))
                    .isZero();
        }
    }

    @Test
    void pollAfterPollReusesTheCachedQueryPlans() {
        String key = UUID.randomUUID().toString();
        UUID warm = UUID.randomUUID();
        kafka.send(TOPIC, key, event(warm, key));
        await().atMost(Duration.ofSeconds(30)).until(() -> processed(warm) == 1);
        long missesBefore = sessionFactory.getStatistics().getQueryPlanCacheMissCount();

        for (int i = 0; i < 10; i++) {
            UUID next = UUID.randomUUID();
            kafka.send(TOPIC, key, event(next, key));
            await().atMost(Duration.ofSeconds(30)).until(() -> processed(next) == 1);
        }
        UUID first = UUID.randomUUID();
        UUID second = UUID.randomUUID();
        kafka.sendTogether(TOPIC, key, event(first, key), event(second, key), event(first, key));
        await().atMost(Duration.ofSeconds(30)).until(() -> processed(first) == 1 && processed(second) == 1);
        // A query whose plan is cached anew on every poll (a native query with a result class, in Hibernate 7)
        // filled the cache with copies under one hash, and every later lookup walked them all.
        assertThat(sessionFactory.getStatistics().getQueryPlanCacheMissCount() - missesBefore).isLessThan(10);
    }

    private static long processed(UUID eventId) {
        return db.count("SELECT count(*) FROM processed_event WHERE event_id = ?", eventId);
    }

    private static String event(UUID eventId, String reservationId) {
        return "{\"eventId\":\"" + eventId + "\",\"type\":\"PlumbingProbe\",\"occurredAt\":\"" + Instant.now()
                + "\",\"reservationId\":\"" + reservationId + "\"}";
    }
}
