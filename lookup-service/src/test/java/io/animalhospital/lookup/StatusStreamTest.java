package io.animalhospital.lookup;

import static org.assertj.core.api.Assertions.assertThat;
import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Flow;

import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.animalhospital.infra.TestKafka;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;

/** The live stream, read by a real HTTP client as a browser's EventSource would. */
@QuarkusTest
class StatusStreamTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static TestKafka kafka;

    @TestHTTPResource("/reservation-status")
    URL base;

    @BeforeAll
    static void connect() {
        kafka = new TestKafka(ConfigProvider.getConfig().getValue("kafka.bootstrap.servers", String.class));
    }

    @AfterAll
    static void close() {
        kafka.close();
    }

    @Test
    void aConnectedClientReceivesEachStatusChange() throws Exception {
        ClinicEvents story = new ClinicEvents(ClinicEvents.uniquePhone());
        Instant t = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        HttpClient client = HttpClient.newHttpClient();

        try (Stream early = Stream.open(client, URI.create(base + "/" + story.reservationId + "/stream"))) {
            early.awaitConnected();
            story.reservation("ReservationPlaced", "RESERVED", t).to(kafka);
            await().atMost(Duration.ofSeconds(30)).until(() -> early.statuses().contains("RESERVED"));

            story.reservation("ReservationCancelled", "CANCELLED", t.plusSeconds(1)).to(kafka);
            await().atMost(Duration.ofSeconds(30)).until(() -> early.statuses().contains("CANCELLED"));
            assertThat(early.statuses()).containsExactly("RESERVED", "CANCELLED");
        }

        // A client connecting later gets the current document first.
        try (Stream late = Stream.open(client, URI.create(base + "/" + story.reservationId + "/stream"))) {
            await().atMost(Duration.ofSeconds(30)).until(() -> !late.statuses().isEmpty());
            assertThat(late.statuses()).containsExactly("CANCELLED");
        }
    }

    @Test
    void aStreamedReservationLeavesNoMetersBehind() throws Exception {
        ClinicEvents story = new ClinicEvents(ClinicEvents.uniquePhone());
        try (Stream stream = Stream.open(HttpClient.newHttpClient(), URI.create(base + "/" + story.reservationId + "/stream"))) {
            stream.awaitConnected();
            story.reservation("ReservationPlaced", "RESERVED", Instant.now()).to(kafka);
            await().atMost(Duration.ofSeconds(30)).until(() -> stream.statuses().contains("RESERVED"));
        }
        // Event-bus metrics are per address, and each reservation has its own: meters that would pile up forever.
        String metrics = given().get("/q/metrics").then().statusCode(200).extract().asString();
        assertThat(metrics).contains("http_server_requests").doesNotContain(story.reservationId.toString());
    }

    /** The data lines of one server-sent-events connection. */
    static final class Stream implements Flow.Subscriber<String>, AutoCloseable {

        private final List<JsonNode> documents = new CopyOnWriteArrayList<>();
        private final CompletableFuture<HttpResponse<Void>> response;
        private volatile Flow.Subscription subscription;

        private Stream(HttpClient client, URI uri) {
            HttpRequest request = HttpRequest.newBuilder(uri).header("Accept", "text/event-stream").build();
            this.response = client.sendAsync(request, HttpResponse.BodyHandlers.fromLineSubscriber(this));
        }

        static Stream open(HttpClient client, URI uri) {
            return new Stream(client, uri);
        }

        /** Headers arrived: the server has subscribed this client to the reservation's changes. */
        void awaitConnected() {
            await().atMost(Duration.ofSeconds(30)).until(() -> subscription != null);
        }

        List<String> statuses() {
            return documents.stream().map(d -> d.path("reservationStatus").asText()).toList();
        }

        @Override
        public void onSubscribe(Flow.Subscription subscription) {
            this.subscription = subscription;
            subscription.request(Long.MAX_VALUE);
        }

        @Override
        public void onNext(String line) {
            if (line.startsWith("data:")) {
                try {
                    documents.add(JSON.readTree(line.substring("data:".length())));
                } catch (Exception e) {
                    throw new IllegalStateException("not JSON: " + line, e);
                }
            }
        }

        @Override
        public void onError(Throwable throwable) {
        }

        @Override
        public void onComplete() {
        }

        @Override
        public void close() {
            if (subscription != null) {
                subscription.cancel();
            }
            response.cancel(true);
        }
    }
}
