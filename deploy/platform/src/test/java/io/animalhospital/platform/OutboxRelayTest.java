package io.animalhospital.platform;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.animalhospital.infra.MetricsCatalog;
import io.animalhospital.infra.TestDatabase;
import io.animalhospital.infra.TestKafka;
import io.animalhospital.platform.outbox.OutboxRelay;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;

/** The outbox written in the caller's transaction and relayed to the real broker after the commit. */
@QuarkusTest
class OutboxRelayTest {

    /** OutboxRelay's advisory lock: whoever holds it is the relaying replica. */
    private static final long RELAY_LOCK = 0x6f7574626f78L;
    private static TestKafka kafka;
    private static TestDatabase db;

    @Inject
    OutboxRelay relay;

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
    void aCommittedEventIsPublishedWithItsCloudEventsHeadersAndLeavesTheOutbox() throws Exception {
        String reservationId = UUID.randomUUID().toString();
        try (TestKafka.Reader topic = kafka.reader("notes")) {
            String eventId = write("/notes", reservationId);

            List<ConsumerRecord<String, String>> records = await().atMost(Duration.ofSeconds(30))
                    .until(() -> topic.matching(r -> reservationId.equals(r.key())), found -> !found.isEmpty());
            ConsumerRecord<String, String> record = records.get(0);
            Map<String, String> headers = TestKafka.Reader.headers(record);
            assertThat(headers).containsEntry("ce_id", eventId)
                    .containsEntry("ce_type", "NoteWritten")
                    .containsEntry("ce_source", "/platform-test")
                    .containsEntry("ce_subject", reservationId)
                    .containsEntry("ce_specversion", "1.0")
                    .containsKey("ce_time");
            JsonNode payload = new ObjectMapper().readTree(record.value());
            assertThat(payload.path("type").asText()).isEqualTo("NoteWritten");
            assertThat(payload.path("eventId").asText()).isEqualTo(eventId);
            assertThat(payload.path("reservationId").asText()).isEqualTo(reservationId);
            assertThat(payload.path("occurredAt").isTextual()).isTrue();
            await().atMost(Duration.ofSeconds(10)).until(() -> outboxRows(eventId) == 0);
            assertThat(db.count("SELECT count(*) FROM note WHERE reservation_id = ?", UUID.fromString(reservationId)))
                    .isEqualTo(1);
        }
    }

    @Test
    void aHeldEventWaitsForItsReleaseThenGoesOut() {
        String reservationId = UUID.randomUUID().toString();
        try (TestKafka.Reader topic = kafka.reader("notes")) {
            String eventId = write("/notes/held", reservationId);
            // A relay round that this replica runs itself publishes everything due, and the held row is not due.
            relay.relayBatch().await().atMost(Duration.ofSeconds(30));
            assertThat(outboxRows(eventId)).isEqualTo(1);
            assertThat(topic.matching(r -> reservationId.equals(r.key()))).isEmpty();

            given().post("/notes/held/" + eventId + "/release").then().statusCode(200);

            await().atMost(Duration.ofSeconds(30)).until(() -> !topic.matching(r -> reservationId.equals(r.key())).isEmpty());
            await().atMost(Duration.ofSeconds(10)).until(() -> outboxRows(eventId) == 0);
        }
    }

    /**
     * Another replica holds the relay's lock and publishes nothing (stuck): the row waits, and the gauges an operator
     * watches say so (backlog, age of the oldest row); once the lock is free the row goes out and they fall to 0.
     */
    @Test
    void aRowTheRelayCannotPublishShowsInTheOutboxGauges() throws Exception {
        String reservationId = UUID.randomUUID().toString();
        String eventId;
        try (AutoCloseable stuckReplica = db.lock("SELECT pg_advisory_xact_lock(?)", RELAY_LOCK)) {
            eventId = write("/notes", reservationId);
            await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> {
                String scrape = metrics();
                assertThat(MetricsCatalog.value(scrape, "outbox_backlog", Map.of())).isGreaterThanOrEqualTo(1.0);
                assertThat(MetricsCatalog.value(scrape, "outbox_oldest_age_seconds", Map.of())).isGreaterThanOrEqualTo(2.0);
            });
            assertThat(outboxRows(eventId)).isEqualTo(1);
        }
        await().atMost(Duration.ofSeconds(30)).until(() -> outboxRows(eventId) == 0);
        await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> {
            String scrape = metrics();
            assertThat(MetricsCatalog.value(scrape, "outbox_backlog", Map.of())).isZero();
            assertThat(MetricsCatalog.value(scrape, "outbox_oldest_age_seconds", Map.of())).isZero();
        });
        // Every platform series the dashboard and the alerts use is there (the dead-letter counters at 0 or more).
        MetricsCatalog.assertExposes("platform", metrics());
    }

    private static String metrics() {
        return given().get("/q/metrics").then().statusCode(200).extract().asString();
    }

    private static String write(String path, String reservationId) {
        return given().contentType(ContentType.JSON)
                .body("{\"reservationId\":\"" + reservationId + "\",\"text\":\"hello\"}")
                .post(path)
                .then().statusCode(200)
                .extract().path("eventId");
    }

    private static long outboxRows(String eventId) {
        return db.count("SELECT count(*) FROM outbox_event WHERE event_id = ?", UUID.fromString(eventId));
    }
}
