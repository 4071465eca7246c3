package io.animalhospital.notice;

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

/** The consumer wiring against the real broker and database: applied once, poison to the DLQ. */
@QuarkusTest
class MessagingPlumbingTest {

    private static final String TOPIC = "reservation-events";
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
        Events.Reservation reservation = Events.Reservation.of("Probe", "010-9999-0001", null);
        String event = placed(eventId, reservation);
        kafka.send(TOPIC, reservation.key(), event);
        kafka.send(TOPIC, reservation.key(), event);
        UUID marker = UUID.randomUUID();
        kafka.send(TOPIC, reservation.key(), placed(marker, reservation));

        await().atMost(Duration.ofSeconds(30)).until(() -> processed(marker) == 1);
        assertThat(processed(eventId)).isEqualTo(1);
        assertThat(db.count("SELECT count(*) FROM notification WHERE event_id = ?", eventId)).isEqualTo(1);
    }

    @Test
    void poisonMessageGoesToTheDlqAndConsumptionGoesOn() {
        Events.Reservation reservation = Events.Reservation.of("Poison", "010-9999-0002", null);
        String key = reservation.key();
        try (TestKafka.Reader dlq = kafka.reader(TOPIC + ".dlq")) {
            kafka.send(TOPIC, key, "{not json " + key);
            UUID next = UUID.randomUUID();
            kafka.send(TOPIC, key, placed(next, reservation));

            await().atMost(Duration.ofSeconds(30)).until(() -> processed(next) == 1);
            await().atMost(Duration.ofSeconds(30))
                    .until(() -> !dlq.matching(r -> key.equals(r.key())).isEmpty());
        }
    }

    private static long processed(UUID eventId) {
        return db.count("SELECT count(*) FROM processed_event WHERE event_id = ?", eventId);
    }

    private static String placed(UUID eventId, Events.Reservation reservation) {
        return Events.reservationEvent(eventId, "ReservationPlaced", reservation, "RESERVED", null);
    }
}
