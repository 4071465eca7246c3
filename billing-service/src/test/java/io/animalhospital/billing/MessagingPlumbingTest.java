package io.animalhospital.billing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.animalhospital.infra.TestDatabase;
import io.animalhospital.infra.TestKafka;
import io.quarkus.test.junit.QuarkusTest;

/** The consumer wiring against the real broker and database: applied once, poison to the DLQ, unknown types skipped. */
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
        UUID reservationId = UUID.randomUUID();
        String event = Clinic.approved(eventId, reservationId);
        Clinic.sendDiagnosisEvent(kafka, reservationId, event);
        Clinic.sendDiagnosisEvent(kafka, reservationId, event);
        UUID marker = UUID.randomUUID();
        Clinic.sendDiagnosisEvent(kafka, reservationId, Clinic.approved(marker, reservationId));

        await().atMost(Duration.ofSeconds(30)).until(() -> processed(marker) == 1);
        assertThat(processed(eventId)).isEqualTo(1);
    }

    @Test
    void poisonMessageGoesToTheDlqAndConsumptionGoesOn() {
        UUID reservationId = UUID.randomUUID();
        String key = reservationId.toString();
        try (TestKafka.Reader dlq = kafka.reader(TOPIC + ".dlq")) {
            kafka.send(TOPIC, key, "{not json " + key);
            UUID next = UUID.randomUUID();
            Clinic.sendDiagnosisEvent(kafka, reservationId, Clinic.approved(next, reservationId));

            await().atMost(Duration.ofSeconds(30)).until(() -> processed(next) == 1);
            await().atMost(Duration.ofSeconds(30))
                    .until(() -> !dlq.matching(r -> key.equals(r.key())).isEmpty());
        }
    }

    @Test
    void anUnknownTypeIsRecordedAndSkipped() {
        UUID reservationId = UUID.randomUUID();
        UUID unknown = UUID.randomUUID();
        kafka.send(TOPIC, reservationId.toString(), unknownType(unknown, reservationId));

        await().atMost(Duration.ofSeconds(30)).until(() -> processed(unknown) == 1);
        assertThat(db.count("SELECT count(*) FROM bill WHERE reservation_id = ?", reservationId)).isZero();
    }

    private static long processed(UUID eventId) {
        return db.count("SELECT count(*) FROM processed_event WHERE event_id = ?", eventId);
    }

    /** A type diagnosis-service may add one day, deliberately not in today's contract. */
    private static String unknownType(UUID eventId, UUID reservationId) {
        return "{\"eventId\":\"" + eventId + "\",\"type\":\"AppointmentReminded\",\"occurredAt\":\"" + Instant.now()
                + "\",\"reservationId\":\"" + reservationId + "\"}";
    }
}
