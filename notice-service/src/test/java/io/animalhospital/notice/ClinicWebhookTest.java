package io.animalhospital.notice;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.contains;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;

import io.animalhospital.infra.TestIdentity;
import io.animalhospital.infra.TestKafka;
import io.animalhospital.notice.Events.Reservation;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/**
 * With {@code hospital.clinic.notify.webhook-url} set, the clinic's notification is POSTed to that receiver (a real
 * HTTP server here), as the webhook channel's JSON message, apart from the customers' gateway.
 */
@QuarkusTest
@TestProfile(GatewaysProfile.class)
class ClinicWebhookTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<JsonNode> received = new CopyOnWriteArrayList<>();
    private static HttpServer frontDesk;
    private static TestKafka kafka;

    @BeforeAll
    static void start() throws IOException {
        Config config = ConfigProvider.getConfig();
        kafka = new TestKafka(config.getValue("kafka.bootstrap.servers", String.class));
        URI url = URI.create(config.getValue("hospital.clinic.notify.webhook-url", String.class));
        frontDesk = HttpServer.create(new InetSocketAddress("127.0.0.1", url.getPort()), 0);
        frontDesk.createContext(url.getPath(), exchange -> {
            received.add(JSON.readTree(exchange.getRequestBody().readAllBytes()));
            byte[] answer = "{\"accepted\":true}".getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(202, answer.length);
            exchange.getResponseBody().write(answer);
            exchange.close();
        });
        frontDesk.start();
    }

    @AfterAll
    static void stop() {
        frontDesk.stop(0);
        kafka.close();
    }

    @Test
    void theClinicsReceiverGetsTheApprovalWaiting() {
        Reservation hodu = Reservation.of("Hodu", NotificationAccessTest.randomPhone(), null);
        UUID eventId = UUID.randomUUID();
        kafka.send("reservation-events", hodu.key(),
                Events.reservationEvent(eventId, "ReservationPlaced", hodu, "AWAITING_APPROVAL", null));

        await().atMost(Duration.ofSeconds(30)).until(() -> received.stream()
                .anyMatch(body -> hodu.key().equals(body.path("reservationId").asText())));
        JsonNode body = received.stream().filter(b -> hodu.key().equals(b.path("reservationId").asText()))
                .findFirst().orElseThrow();
        assertThat(body.path("eventId").asText()).isEqualTo(eventId.toString());
        assertThat(body.path("message").asText()).isEqualTo("Animal Hospital: approval needed - Hodu's appointment "
                + "with Dr. Park on 2031-05-04 awaits approval. Approve or decline at http://127.0.0.1:8080/staff/approvals");
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> given().auth()
                .oauth2(TestIdentity.fromConfig().staff()).queryParam("reservationId", hodu.key())
                .queryParam("audience", "CLINIC").get("/notifications").then().statusCode(200)
                .body("channel", contains("webhook")).body("status", contains("SENT")));
        assertThat(received.stream().filter(b -> hodu.key().equals(b.path("reservationId").asText()))).hasSize(1);
    }
}
