package io.animalhospital.notice;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;

import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import com.sun.net.httpserver.HttpServer;

import io.animalhospital.infra.MetricsCatalog;
import io.animalhospital.infra.TestDatabase;
import io.animalhospital.infra.TestKafka;
import io.animalhospital.notice.Events.Reservation;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/**
 * The e-mail and webhook channels against a real SMTP server (GreenMail) and a real HTTP endpoint in this JVM.
 * The endpoint plays a phone gateway that is down for one customer (HTTP 503) and up for everyone else.
 */
@QuarkusTest
@TestProfile(GatewaysProfile.class)
class GatewayChannelsTest {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final ObjectMapper JSON = new ObjectMapper();
    /** The gateway refuses every message that mentions this pet. */
    private static final String REFUSED_PET = "Unlucky";
    /** The gateway takes messages about this pet and never answers. */
    private static final String UNANSWERED_PET = "Sleepy";

    private static TestKafka kafka;
    private static TestDatabase db;
    private static TestKafka.Reader noticeEvents;
    private static GreenMail smtp;
    private static HttpServer gateway;
    private static final List<Received> gatewayCalls = new CopyOnWriteArrayList<>();

    record Received(Instant at, String idempotencyKey, JsonNode body) {
    }

    @BeforeAll
    static void start() throws IOException {
        var config = ConfigProvider.getConfig();
        kafka = new TestKafka(config.getValue("kafka.bootstrap.servers", String.class));
        db = new TestDatabase(config.getValue("quarkus.datasource.jdbc.url", String.class));
        noticeEvents = kafka.reader("notice-events");

        smtp = new GreenMail(new ServerSetup(config.getValue("quarkus.mailer.port", Integer.class), "127.0.0.1",
                ServerSetup.PROTOCOL_SMTP));
        smtp.start();

        URI webhook = URI.create(config.getValue("hospital.notice.webhook.url", String.class));
        gateway = HttpServer.create(new InetSocketAddress("127.0.0.1", webhook.getPort()), 0);
        gateway.setExecutor(Executors.newFixedThreadPool(4));
        gateway.createContext(webhook.getPath(), exchange -> {
            byte[] request = exchange.getRequestBody().readAllBytes();
            JsonNode body = JSON.readTree(request);
            gatewayCalls.add(new Received(Instant.now(), exchange.getRequestHeaders().getFirst("Idempotency-Key"), body));
            if (body.path("message").asText().contains(UNANSWERED_PET)) {
                return; // the exchange stays open without an answer until the server stops
            }
            boolean refused = body.path("message").asText().contains(REFUSED_PET)
                    || !"application/json".equals(exchange.getRequestHeaders().getFirst("Content-Type"));
            byte[] answer = (refused ? "{\"error\":\"gateway unavailable\"}" : "{\"accepted\":true}")
                    .getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(refused ? 503 : 202, answer.length);
            exchange.getResponseBody().write(answer);
            exchange.close();
        });
        gateway.start();
    }

    @AfterAll
    static void stop() {
        noticeEvents.close();
        kafka.close();
        smtp.stop();
        gateway.stop(0);
    }

    @Test
    void anEmailArrivesAtTheContactsAddress() throws Exception {
        Reservation mimi = Reservation.of("Mimi", "010-5555-0001", "mimi.owner@example.com");
        UUID placed = UUID.randomUUID();
        kafka.send("reservation-events", mimi.key(), Events.reservationEvent(placed, "ReservationPlaced", mimi, "RESERVED", null));

        await().atMost(WAIT).until(() -> mailsTo("mimi.owner@example.com").size() == 1);
        MimeMessage mail = mailsTo("mimi.owner@example.com").get(0);
        assertThat(mail.getSubject()).isEqualTo("Animal Hospital: about your reservation");
        assertThat(((String) mail.getContent()).strip())
                .isEqualTo("Animal Hospital: Mimi's visit on 2031-05-04 with Dr. Park is booked.");
        assertThat(mail.getFrom()[0].toString()).contains("noreply@animal-hospital.example");

        await().atMost(WAIT).until(() -> "SENT".equals(notification(placed).get("status")));
        assertThat(notification(placed)).containsEntry("channel", "EMAIL")
                .containsEntry("recipient", "mimi.owner@example.com").containsEntry("phone", "010-5555-0001")
                .containsEntry("attempts", 1);
        JsonNode event = await().atMost(WAIT).until(() -> noticeEvent(placed), e -> e != null);
        assertThat(event.path("type").asText()).isEqualTo("NotificationSent");
        assertThat(event.path("channel").asText()).isEqualTo("email");
        assertThat(event.path("recipient").asText()).isEqualTo("mimi.owner@example.com");
    }

    @Test
    void aContactWithoutEmailIsReachedThroughTheGateway() {
        Reservation lucky = Reservation.of("Lucky", "010-5555-0002", null);
        UUID treated = UUID.randomUUID();
        kafka.send("reservation-events", lucky.key(), Events.reservationEvent(treated, "ReservationTreated", lucky, "TREATED", null));

        await().atMost(WAIT).until(() -> "SENT".equals(notification(treated).get("status")));
        List<Received> calls = callsFor(lucky);
        assertThat(calls).hasSize(1);
        Received call = calls.get(0);
        String notificationId = notification(treated).get("id").toString();
        assertThat(call.idempotencyKey()).isEqualTo(notificationId);
        assertThat(call.body().path("notificationId").asText()).isEqualTo(notificationId);
        assertThat(call.body().path("eventId").asText()).isEqualTo(treated.toString());
        assertThat(call.body().path("eventType").asText()).isEqualTo("ReservationTreated");
        assertThat(call.body().path("recipient").asText()).isEqualTo("010-5555-0002");
        assertThat(call.body().path("language").asText()).isEqualTo("en");
        assertThat(call.body().path("message").asText())
                .isEqualTo("Animal Hospital: Lucky's treatment on 2031-05-04 is recorded. Your bill follows shortly.");
        assertThat(notification(treated)).containsEntry("channel", "WEBHOOK").containsEntry("attempts", 1);

        JsonNode event = await().atMost(WAIT).until(() -> noticeEvent(treated), e -> e != null);
        assertThat(event.path("type").asText()).isEqualTo("NotificationSent");
        assertThat(event.path("channel").asText()).isEqualTo("webhook");
        assertThat(event.path("status").asText()).isEqualTo("SENT");
    }

    @Test
    void aRefusingGatewayIsRetriedWithBackoffThenFailedWhileOtherNotificationsFlow() {
        Reservation unlucky = Reservation.of(REFUSED_PET, "010-5555-0003", null);
        Reservation coco = Reservation.of("Coco", "010-5555-0004", null);
        Reservation mong = Reservation.of("Mong", "010-5555-0005", "mong@example.com");
        UUID refused = UUID.randomUUID();
        double givenUpBefore = metric("notice_notifications_failed_total", Map.of("channel", "webhook"));
        double failedAttemptsBefore = metric("notice_delivery_attempts_total", Map.of("channel", "webhook", "outcome", "failed"));
        kafka.send("reservation-events", unlucky.key(),
                Events.reservationEvent(refused, "ReservationPlaced", unlucky, "RESERVED", null));
        UUID cocoPlaced = UUID.randomUUID();
        UUID mongPlaced = UUID.randomUUID();
        kafka.send("reservation-events", coco.key(), Events.reservationEvent(cocoPlaced, "ReservationPlaced", coco, "RESERVED", null));
        kafka.send("reservation-events", mong.key(), Events.reservationEvent(mongPlaced, "ReservationPlaced", mong, "RESERVED", null));

        await().atMost(WAIT).until(() -> "FAILED".equals(notification(refused).get("status")));
        Map<String, Object> failed = notification(refused);
        assertThat(failed).containsEntry("attempts", 3).containsEntry("channel", "WEBHOOK");
        assertThat((String) failed.get("last_error")).startsWith("webhook answered HTTP 503");
        assertThat(failed.get("sent_at")).isNull();
        assertThat(failed.get("next_attempt_at")).isNull();

        // Three calls, each wait longer than the one before (300 ms, then 600 ms).
        List<Received> calls = callsFor(unlucky);
        assertThat(calls).hasSize(3);
        assertThat(Duration.between(calls.get(0).at(), calls.get(1).at())).isGreaterThanOrEqualTo(Duration.ofMillis(300));
        assertThat(Duration.between(calls.get(1).at(), calls.get(2).at())).isGreaterThanOrEqualTo(Duration.ofMillis(600));
        assertThat(calls).extracting(Received::idempotencyKey).containsOnly(failed.get("id").toString());
        // What the dashboard shows: one notification given up on, after three failed attempts.
        assertThat(metric("notice_notifications_failed_total", Map.of("channel", "webhook")) - givenUpBefore).isEqualTo(1.0);
        assertThat(metric("notice_delivery_attempts_total", Map.of("channel", "webhook", "outcome", "failed"))
                - failedAttemptsBefore).isEqualTo(3.0);
        MetricsCatalog.assertExposes("notice-service", scrape());

        // Everyone else was served meanwhile, through the same gateway and by e-mail.
        await().atMost(WAIT).until(() -> "SENT".equals(notification(cocoPlaced).get("status"))
                && "SENT".equals(notification(mongPlaced).get("status")));
        assertThat(callsFor(coco).get(0).at()).isBefore(calls.get(2).at());
        assertThat(mailsTo("mong@example.com")).hasSize(1);

        JsonNode event = await().atMost(WAIT).until(() -> noticeEvent(refused), e -> e != null);
        assertThat(event.path("type").asText()).isEqualTo("NotificationFailed");
        assertThat(event.path("status").asText()).isEqualTo("FAILED");
        assertThat(event.path("attempts").asInt()).isEqualTo(3);
        assertThat(event.path("lastError").asText()).startsWith("webhook answered HTTP 503");
        assertThat(event.path("recipient").asText()).isEqualTo("010-5555-0003");
        assertThat(event.path("sourceEventId").asText()).isEqualTo(refused.toString());
        assertThat(event.path("notificationId").asText()).isEqualTo(failed.get("id").toString());
    }

    private static String scrape() {
        return given().get("/q/metrics").then().statusCode(200).extract().asString();
    }

    private static double metric(String name, Map<String, String> labels) {
        Double value = MetricsCatalog.value(scrape(), name, labels);
        return value == null ? 0 : value;
    }

    @Test
    void aGatewayThatNeverAnswersTimesOutAndIsRetried() {
        Reservation sleepy = Reservation.of(UNANSWERED_PET, "010-5555-0006", null);
        UUID placed = UUID.randomUUID();
        kafka.send("reservation-events", sleepy.key(), Events.reservationEvent(placed, "ReservationPlaced", sleepy, "RESERVED", null));

        await().atMost(WAIT).until(() -> ((Integer) notification(placed).getOrDefault("attempts", 0)) >= 1);
        Map<String, Object> n = notification(placed);
        assertThat((String) n.get("last_error")).containsIgnoringCase("time");
        assertThat(n.get("status")).isIn("PENDING", "FAILED");
        assertThat(callsFor(sleepy)).isNotEmpty();
    }

    /**
     * notice-events is a contract (events/notice-events.schema.json): a delivery and a delivery given up on emit
     * both its types, and every event this service published so far, in any test, validates.
     */
    @Test
    void everyPublishedNoticeEventKeepsTheContract() {
        Reservation lucky = Reservation.of("Dubu", "010-5555-0007", null);
        Reservation unlucky = Reservation.of(REFUSED_PET, "010-5555-0008", null);
        UUID delivered = UUID.randomUUID();
        UUID refused = UUID.randomUUID();
        kafka.send("reservation-events", lucky.key(),
                Events.reservationEvent(delivered, "ReservationPlaced", lucky, "RESERVED", null));
        kafka.send("reservation-events", unlucky.key(),
                Events.reservationEvent(refused, "ReservationPlaced", unlucky, "RESERVED", null));

        await().atMost(WAIT).until(() -> noticeEvent(delivered) != null && noticeEvent(refused) != null);
        try (TestKafka.Reader everything = kafka.reader("notice-events")) {
            List<ConsumerRecord<String, String>> published = await().atMost(WAIT).until(everything::poll,
                    records -> records.stream().anyMatch(r -> r.value().contains(refused.toString())));
            published.forEach(record -> Events.NOTICE_EVENTS.assertValid(record.value()));
            assertThat(published.stream().map(r -> json(r).path("type").asText()).distinct())
                    .containsAll(Events.NOTICE_EVENTS.eventTypes());
        }
    }

    private static List<MimeMessage> mailsTo(String address) {
        return Arrays.stream(smtp.getReceivedMessages()).filter(m -> {
            try {
                return Arrays.stream(m.getAllRecipients()).anyMatch(a -> a.toString().equals(address));
            } catch (MessagingException e) {
                throw new IllegalStateException(e);
            }
        }).toList();
    }

    private static List<Received> callsFor(Reservation r) {
        return gatewayCalls.stream().filter(c -> c.body().path("reservationId").asText().equals(r.key())).toList();
    }

    private static Map<String, Object> notification(UUID eventId) {
        List<Map<String, Object>> rows = db.query("SELECT * FROM notification WHERE event_id = ?", eventId);
        return rows.isEmpty() ? Map.of() : rows.get(0);
    }

    /** The notice event about the notification of the given source event, once it was published. */
    private static JsonNode noticeEvent(UUID sourceEventId) {
        return noticeEvents.poll().stream().map(GatewayChannelsTest::json)
                .filter(e -> e.path("sourceEventId").asText().equals(sourceEventId.toString()))
                .findFirst().orElse(null);
    }

    private static JsonNode json(ConsumerRecord<String, String> record) {
        try {
            return JSON.readTree(record.value());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
