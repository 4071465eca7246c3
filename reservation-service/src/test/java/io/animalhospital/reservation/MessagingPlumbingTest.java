package io.animalhospital.reservation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.UUID;

import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.animalhospital.infra.TestDatabase;
import io.animalhospital.infra.TestKafka;
import io.quarkus.test.junit.QuarkusTest;

/** The consumer plumbing against the real broker and database: applied once, poison to the DLQ. */
@QuarkusTest
class MessagingPlumbingTest {

    private static final String TOPIC = "diagnosis-events";
    private static TestKafka kafka;
    private static TestDatabase db;

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
            kafka.send(TOPIC, key, "{not json " + key);
            UUID next = UUID.randomUUID();
            kafka.send(TOPIC, key, event(next, key));

            await().atMost(Duration.ofSeconds(30)).until(() -> processed(next) == 1);
            await().atMost(Duration.ofSeconds(30))
                    .until(() -> !dlq.matching(r -> key.equals(r.key())).isEmpty());
        }
    }

    private static long processed(UUID eventId) {
        return db.count("SELECT count(*) FROM processed_event WHERE event_id = ?", eventId);
    }

    /** An approval of a reservation this service never had: recorded, and changes nothing. */
    private static String event(UUID eventId, String reservationId) {
        return DiagnosisEventsFixture.approved(eventId, reservationId, UUID.randomUUID().toString());
    }
}
