package io.animalhospital.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;

import jakarta.inject.Inject;

import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.animalhospital.infra.TestDatabase;
import io.animalhospital.infra.TestKafka;
import io.animalhospital.platform.inbox.ProcessedEvents;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.vertx.RunOnVertxContext;
import io.quarkus.test.vertx.UniAsserter;

/** The idempotent consumer against the real broker and database: applied once, the unreadable to the DLQ. */
@QuarkusTest
class InboxTest {

    private static final String TOPIC = "notes-in";
    private static TestKafka kafka;
    private static TestDatabase db;

    @BeforeAll
    static void connect() {
        kafka = new TestKafka(ConfigProvider.getConfig().getValue("kafka.bootstrap.servers", String.class));
        db = new TestDatabase(ConfigProvider.getConfig().getValue("quarkus.datasource.jdbc.url", String.class));
    }

    @Inject
    ProcessedEvents processed;

    @AfterAll
    static void close() {
        kafka.close();
    }

    @Test
    void anEventDeliveredTwiceTakesEffectOnce() {
        UUID reservationId = UUID.randomUUID();
        String event = event(UUID.randomUUID(), "NoteWritten", reservationId);
        kafka.send(TOPIC, reservationId.toString(), event);
        kafka.send(TOPIC, reservationId.toString(), event);
        UUID other = UUID.randomUUID();
        kafka.send(TOPIC, reservationId.toString(), event(UUID.randomUUID(), "NoteWritten", other));

        // Same partition, in order: once the later event took effect, both deliveries of the first were consumed.
        await().atMost(Duration.ofSeconds(30)).until(() -> times(other) == 1);
        assertThat(times(reservationId)).isEqualTo(1);
    }

    @Test
    void anUnreadableMessageGoesToTheDeadLetterTopicAndConsumptionGoesOn() {
        UUID reservationId = UUID.randomUUID();
        String key = reservationId.toString();
        try (TestKafka.Reader dlq = kafka.reader(TOPIC + ".dlq")) {
            kafka.send(TOPIC, key, "{not json " + key);
            kafka.send(TOPIC, key, event(UUID.randomUUID(), "NoteWritten", reservationId));

            await().atMost(Duration.ofSeconds(30)).until(() -> times(reservationId) == 1);
            await().atMost(Duration.ofSeconds(30)).until(() -> !dlq.matching(r -> key.equals(r.key())).isEmpty());
        }
    }

    @Test
    void anEventThatKeepsFailingGoesToTheDeadLetterTopicWithNothingRecorded() {
        UUID reservationId = UUID.randomUUID();
        UUID failing = UUID.randomUUID();
        String key = reservationId.toString();
        try (TestKafka.Reader dlq = kafka.reader(TOPIC + ".dlq")) {
            kafka.send(TOPIC, key, event(failing, "Fails", reservationId));
            kafka.send(TOPIC, key, event(UUID.randomUUID(), "NoteWritten", reservationId));

            await().atMost(Duration.ofSeconds(30)).until(() -> times(reservationId) == 1);
            await().atMost(Duration.ofSeconds(30)).until(() -> dlq.matching(r -> key.equals(r.key())).size() == 1);
            // The failed attempts rolled back their record: a replay from the DLQ would apply it.
            assertThat(db.count("SELECT count(*) FROM processed_event WHERE event_id = ?", failing)).isZero();
        }
    }

    @Test
    void anEventOfATypeTheConsumerDoesNotKnowIsRecordedAndSkipped() {
        UUID reservationId = UUID.randomUUID();
        UUID unknown = UUID.randomUUID();
        kafka.send(TOPIC, reservationId.toString(), event(unknown, "SomethingNew", reservationId));

        await().atMost(Duration.ofSeconds(30))
                .until(() -> db.count("SELECT count(*) FROM processed_event WHERE event_id = ?", unknown) == 1);
        assertThat(times(reservationId)).isZero();
    }

    @Test
    @RunOnVertxContext
    void aPollOfAHundredAndMoreEventsIsRecordedInOneTransaction(UniAsserter asserter) {
        UUID before = UUID.randomUUID();
        List<UUID> poll = new ArrayList<>(Stream.generate(UUID::randomUUID).limit(150).toList());
        poll.add(poll.get(3)); // the same event twice in one poll
        poll.add(before); // and one recorded by an earlier poll
        asserter.execute(() -> Panache.withTransaction(() -> processed.firstDeliveries(List.of(before), TOPIC)));

        asserter.assertThat(() -> Panache.withTransaction(() -> processed.firstDeliveries(poll, TOPIC)),
                first -> assertThat(first).hasSize(150).doesNotContain(before).containsAll(poll.subList(0, 150)));
    }

    private static long times(UUID reservationId) {
        return db.count("SELECT coalesce(sum(times), 0) FROM applied_note WHERE reservation_id = ?", reservationId);
    }

    private static String event(UUID eventId, String type, UUID reservationId) {
        return "{\"eventId\":\"" + eventId + "\",\"type\":\"" + type + "\",\"occurredAt\":\"" + Instant.now()
                + "\",\"reservationId\":\"" + reservationId + "\",\"addedLater\":true}";
    }
}
