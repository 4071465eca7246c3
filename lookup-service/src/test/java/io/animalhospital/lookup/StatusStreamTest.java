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
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.animalhospital.infra.MetricsCatalog;
import io.animalhospital.infra.TestIdentity;
import io.animalhospital.infra.TestKafka;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;

/** The live stream, read by a real HTTP client as a browser's EventSource would, with a bearer token. */
@QuarkusTest
class StatusStreamTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static TestKafka kafka;

    @TestHTTPResource("/reservation-status")
    URL base;

    private final TestIdentity identity = TestIdentity.fromConfig();

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

        // Staff may follow a reservation before its first event arrives (a customer could not: nothing says yet
        // that it is theirs).
        try (Stream early = Stream.open(client, streamOf(story), identity.staff())) {
            early.awaitConnected();
            story.reservation("ReservationPlaced", "RESERVED", t).to(kafka);
            await().atMost(Duration.ofSeconds(30)).until(() -> early.statuses().contains("RESERVED"));

            story.reservation("ReservationCancelled", "CANCELLED", t.plusSeconds(1)).to(kafka);
            await().atMost(Duration.ofSeconds(30)).until(() -> early.statuses().contains("CANCELLED"));
            assertThat(early.statuses()).containsExactly("RESERVED", "CANCELLED");
        }

        // A client connecting later gets the current document first.
        try (Stream late = Stream.open(client, streamOf(story), identity.customer(story.phone))) {
            await().atMost(Duration.ofSeconds(30)).until(() -> !late.statuses().isEmpty());
            assertThat(late.statuses()).containsExactly("CANCELLED");
        }
    }

    @Test
    void theOwnerFollowsTheirReservationWithATokenInTheAuthorizationHeader() throws Exception {
        ClinicEvents story = new ClinicEvents(ClinicEvents.uniquePhone());
        Instant t = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        story.reservation("ReservationPlaced", "AWAITING_APPROVAL", t).to(kafka);
        ReservationStatusViewTest.awaitVersion(story, 1);

        // The token's phone in another shape is the same customer.
        try (Stream owner = Stream.open(HttpClient.newHttpClient(), streamOf(story),
                identity.customer(story.phone.replace("-", "")))) {
            owner.awaitConnected();
            await().atMost(Duration.ofSeconds(30)).until(() -> owner.statuses().contains("AWAITING_APPROVAL"));
            story.reservation("ReservationApproved", "RESERVED", t.plusSeconds(1)).to(kafka);
            story.treated(t.plusSeconds(2)).to(kafka);
            await().atMost(Duration.ofSeconds(30)).until(() -> owner.statuses().contains("RESERVED"));
            await().atMost(Duration.ofSeconds(30)).until(() -> owner.appointmentStatuses().contains("TREATED"));
            assertThat(owner.phones()).containsOnly(story.phone);
        }
    }

    /**
     * Refused before the stream opens, as problem details and without a single event: another customer (404, as
     * for a reservation that does not exist), a customer before their reservation's first event, anonymous (401),
     * a token without a clinic role or reservation-service's (403), each bad token (401).
     */
    @Test
    void refusalsComeBeforeAnyEvent() throws Exception {
        ClinicEvents story = new ClinicEvents(ClinicEvents.uniquePhone());
        story.reservation("ReservationPlaced", "RESERVED", Instant.now()).to(kafka);
        ReservationStatusViewTest.awaitVersion(story, 1);
        URI stream = streamOf(story);

        assertRefused(stream, identity.customer(ClinicEvents.uniquePhone()), 404);
        assertRefused(streamOf(new ClinicEvents(story.phone)), identity.customer(story.phone), 404);
        assertRefused(stream, null, 401);
        assertRefused(stream, identity.noRole(), 403);
        assertRefused(stream, identity.service(), 403);
        for (Map.Entry<String, String> bad : identity.badTokens().entrySet()) {
            assertThat(refusal(stream, bad.getValue()).statusCode()).as(bad.getKey()).isEqualTo(401);
        }
    }

    @Test
    void aStreamedReservationLeavesNoMetersBehind() throws Exception {
        ClinicEvents story = new ClinicEvents(ClinicEvents.uniquePhone());
        try (Stream stream = Stream.open(HttpClient.newHttpClient(), streamOf(story), identity.staff())) {
            stream.awaitConnected();
            story.reservation("ReservationPlaced", "RESERVED", Instant.now()).to(kafka);
            await().atMost(Duration.ofSeconds(30)).until(() -> stream.statuses().contains("RESERVED"));
            // The dashboard's live viewers: this stream is one of them while it is open.
            assertThat(subscribers()).isGreaterThanOrEqualTo(1.0);
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> subscribers() == 0.0);
        // Event-bus metrics are per address, and each reservation has its own: meters that would pile up forever.
        String metrics = given().get("/q/metrics").then().statusCode(200).extract().asString();
        assertThat(metrics).contains("http_server_requests").doesNotContain(story.reservationId.toString());
        MetricsCatalog.assertExposes("lookup-service", metrics);
    }

    private static double subscribers() {
        String scrape = given().get("/q/metrics").then().statusCode(200).extract().asString();
        return MetricsCatalog.value(scrape, "lookup_stream_subscribers", Map.of());
    }

    private URI streamOf(ClinicEvents story) {
        return URI.create(base + "/" + story.reservationId + "/stream");
    }

    private static void assertRefused(URI stream, String token, int status) throws Exception {
        HttpResponse<String> response = refusal(stream, token);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/problem+json"));
        assertThat(JSON.readTree(response.body()).path("status").asInt()).isEqualTo(status);
        assertThat(response.body()).doesNotContain("data:");
    }

    /**
     * A refused stream ends with its answer, so the whole body can be read; one that was let through stays open
     * and fails here after 30 s instead of hanging the run.
     */
    private static HttpResponse<String> refusal(URI stream, String token) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(stream).header("Accept", "text/event-stream");
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        CompletableFuture<HttpResponse<String>> answer = HttpClient.newHttpClient()
                .sendAsync(request.build(), HttpResponse.BodyHandlers.ofString());
        try {
            return answer.get(30, TimeUnit.SECONDS);
        } catch (TimeoutException e) {
            answer.cancel(true);
            throw new AssertionError("the stream was opened instead of refused", e);
        }
    }

    /** The data lines of one server-sent-events connection. */
    static final class Stream implements Flow.Subscriber<String>, AutoCloseable {

        private final List<JsonNode> documents = new CopyOnWriteArrayList<>();
        private final CompletableFuture<HttpResponse<Void>> response;
        private volatile Flow.Subscription subscription;

        private Stream(HttpClient client, URI uri, String token) {
            // A bearer token in the Authorization header: what the platform accepts (a browser's EventSource cannot
            // set headers; issue 18 may add a cookie for the web UI).
            HttpRequest request = HttpRequest.newBuilder(uri).header("Accept", "text/event-stream")
                    .header("Authorization", "Bearer " + token).build();
            this.response = client.sendAsync(request, HttpResponse.BodyHandlers.fromLineSubscriber(this));
        }

        static Stream open(HttpClient client, URI uri, String token) {
            return new Stream(client, uri, token);
        }


        /** Headers arrived: the server has subscribed this client to the reservation's changes. */
        void awaitConnected() {
            await().atMost(Duration.ofSeconds(30)).until(() -> subscription != null);
        }

        List<String> statuses() {
            return documents.stream().map(d -> d.path("reservationStatus").asText()).toList();
        }

        List<String> appointmentStatuses() {
            return documents.stream().map(d -> d.path("appointmentStatus").asText()).toList();
        }

        List<String> phones() {
            return documents.stream().map(d -> d.path("phone").asText()).toList();
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
