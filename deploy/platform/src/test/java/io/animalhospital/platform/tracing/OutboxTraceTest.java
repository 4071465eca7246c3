package io.animalhospital.platform.tracing;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

import jakarta.inject.Inject;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.animalhospital.infra.TestKafka;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

/**
 * The outbox carries the trace (decision 0095): an event is published within the trace of the request that wrote
 * it, however late the relay sends it, and the consuming side continues that trace from the record's header.
 */
@QuarkusTest
class OutboxTraceTest {

    private static TestKafka kafka;

    @Inject
    InMemorySpanExporter spans;

    @BeforeAll
    static void connect() {
        kafka = new TestKafka(ConfigProvider.getConfig().getValue("kafka.bootstrap.servers", String.class));
    }

    @AfterAll
    static void close() {
        kafka.close();
    }

    @Test
    void anEventIsPublishedAndConsumedInTheTraceOfTheRequestThatWroteIt() {
        String trace = newTraceId();
        String reservationId = UUID.randomUUID().toString();
        try (TestKafka.Reader topic = kafka.reader("notes")) {
            write("/notes", reservationId, trace);

            ConsumerRecord<String, String> record = published(topic, reservationId);
            assertThat(traceOf(record)).as("the record's traceparent").isEqualTo(trace);
            SpanData relay = await().atMost(Duration.ofSeconds(10)).until(
                    () -> span(trace, s -> s.getName().startsWith("outbox relay")), found -> found != null);
            assertThat(relay.getAttributes().get(Traces.RESERVATION_ID)).isEqualTo(reservationId);

            // What a consuming service receives: the record as published, its headers included.
            kafka.send("notes-in", reservationId, record.value(), TestKafka.Reader.headers(record));
            await().atMost(Duration.ofSeconds(30)).until(
                    () -> span(trace, s -> s.getKind() == SpanKind.CONSUMER && s.getName().contains("notes-in")),
                    found -> found != null);
            // The consumer's work is in the trace too: its span, with the reservation, and its statements under it.
            SpanData consumed = await().atMost(Duration.ofSeconds(30)).until(
                    () -> span(trace, s -> s.getName().equals("apply NoteWritten")), found -> found != null);
            await().atMost(Duration.ofSeconds(10)).until(() -> span(trace,
                    s -> s.getParentSpanId().equals(consumed.getSpanId()) && s.getName().contains("applied_note")) != null);
            assertThat(consumed.getAttributes().get(Traces.RESERVATION_ID))
                    .as(() -> "spans of the trace: " + spans.getFinishedSpanItems().stream()
                            .filter(s -> s.getTraceId().equals(trace))
                            .map(s -> s.getKind() + " " + s.getName() + " " + s.getAttributes()).toList())
                    .isEqualTo(reservationId);
        }
    }

    @Test
    void anEventRelayedLongAfterItsRequestStaysInThatRequestsTrace() {
        String written = newTraceId();
        String released = newTraceId();
        String reservationId = UUID.randomUUID().toString();
        try (TestKafka.Reader topic = kafka.reader("notes")) {
            String eventId = write("/notes/held", reservationId, written);
            // Published by a later transaction of another request: still the trace of the work that wrote it.
            given().header("traceparent", traceparent(released)).post("/notes/held/" + eventId + "/release")
                    .then().statusCode(200);

            ConsumerRecord<String, String> record = published(topic, reservationId);
            assertThat(traceOf(record)).isEqualTo(written);
            SpanData relay = await().atMost(Duration.ofSeconds(10)).until(
                    () -> span(written, s -> s.getName().startsWith("outbox relay")), found -> found != null);
            assertThat(relay.getAttributes().get(io.opentelemetry.api.common.AttributeKey.longKey("outbox.waited_ms")))
                    .isGreaterThanOrEqualTo(0L);
        }
    }

    private SpanData span(String traceId, java.util.function.Predicate<SpanData> which) {
        return spans.getFinishedSpanItems().stream()
                .filter(s -> s.getTraceId().equals(traceId))
                .filter(which)
                .findFirst().orElse(null);
    }

    private static ConsumerRecord<String, String> published(TestKafka.Reader topic, String reservationId) {
        List<ConsumerRecord<String, String>> records = await().atMost(Duration.ofSeconds(30))
                .until(() -> topic.matching(r -> reservationId.equals(r.key())), found -> !found.isEmpty());
        return records.get(0);
    }

    private static String traceOf(ConsumerRecord<String, String> record) {
        Map<String, String> headers = TestKafka.Reader.headers(record);
        assertThat(headers).containsKey("traceparent");
        return headers.get("traceparent").split("-")[1];
    }

    private static String write(String path, String reservationId, String traceId) {
        return given().contentType(ContentType.JSON)
                .header("traceparent", traceparent(traceId))
                .body("{\"reservationId\":\"" + reservationId + "\",\"text\":\"hello\"}")
                .post(path)
                .then().statusCode(200)
                .extract().path("eventId");
    }

    private static String newTraceId() {
        byte[] id = new byte[16];
        ThreadLocalRandom.current().nextBytes(id);
        return HexFormat.of().formatHex(id);
    }

    /** A caller's sampled W3C trace context, as a browser's or another service's instrumentation sends it. */
    private static String traceparent(String traceId) {
        byte[] span = new byte[8];
        ThreadLocalRandom.current().nextBytes(span);
        return "00-" + traceId + "-" + HexFormat.of().formatHex(span) + "-01";
    }
}
