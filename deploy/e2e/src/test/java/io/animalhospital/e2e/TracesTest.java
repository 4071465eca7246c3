package io.animalhospital.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.animalhospital.infra.LocalStack;

/**
 * One booking is one trace (decision 0095), read back from the stack's trace viewer: the placing request in
 * reservation-service, its call to diagnosis-service and the consumption of its ReservationPlaced by notice-service
 * and lookup-service share one trace id, also when the relay published the event late, after the broker came
 * back. And every service's prod log lines carry the trace ids and no phone number in clear.
 */
@E2E
class TracesTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    /** A Korean mobile number standing alone (not digits inside an id, a timestamp or a count). */
    private static final String PHONE_IN_CLEAR = "(?<![\\w.-])01[016789][- ]?\\d{3,4}[- ]?\\d{4}(?![\\w-])";
    private static final List<String> ONE_TRACE = List.of("reservation-service", "diagnosis-service", "notice-service",
            "lookup-service");

    @Test
    void oneBookingIsOneTraceAcrossTheServicesEvenWhenItsEventWentOutLate(Story story) throws IOException {
        String run = Forms.unique();
        Api api = story.stack.api;
        LocalDate day = LocalDate.now(ZoneId.of("Asia/Seoul")).plusDays(5);
        String scheduleId = api.openSchedule("Dr. Trace " + run, day, 5, false);
        String customer = api.token("customer", LocalStack.DEMO_ACCOUNTS.get("customer"));

        String onTime = api.placeReservation(customer, scheduleId, "Minji Kim", "Trace " + run);
        assertOneTraceAcross(story, onTime);

        // The broker down: the placement is answered, its event waits in the outbox; published once the broker is back.
        story.stack.kill(LocalStack.KAFKA);
        String late;
        try {
            late = api.placeReservation(customer, scheduleId, "Minji Kim", "Late " + run);
        } finally {
            story.stack.restart(LocalStack.KAFKA);
        }
        assertOneTraceAcross(story, late);

        for (String service : E2EStack.serviceNames()) {
            assertProdLogLines(story, service);
        }
    }

    /**
     * Among the traces tagged with the reservation (its placement, and later work such as a notification the delivery
     * loop sent), the placement's own trace has spans of all four services.
     */
    private static void assertOneTraceAcross(Story story, String reservationId) {
        String query = story.stack.tracesApi() + "/traces?limit=20&lookback=3600000&annotationQuery="
                + URLEncoder.encode("reservation.id=" + reservationId, StandardCharsets.UTF_8);
        Awaitility.await("the trace of reservation " + reservationId + " in Zipkin").atMost(Duration.ofSeconds(120))
                .pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
                    List<JsonNode> placements = new java.util.ArrayList<>();
                    get(query).forEach(trace -> {
                        if (hasPlacementOf(trace, reservationId)) {
                            placements.add(trace);
                        }
                    });
                    assertThat(placements).as("traces with the placement of the reservation").hasSize(1);
                    Set<String> services = new HashSet<>();
                    Set<String> traceIds = new HashSet<>();
                    placements.get(0).forEach(span -> {
                        services.add(span.path("localEndpoint").path("serviceName").asText());
                        traceIds.add(span.path("traceId").asText());
                    });
                    assertThat(traceIds).hasSize(1);
                    assertThat(services).containsAll(ONE_TRACE);
                });
    }

    /** The request that placed it: reservation-service's server span of POST /reservations with its id. */
    private static boolean hasPlacementOf(JsonNode trace, String reservationId) {
        for (JsonNode span : trace) {
            if ("SERVER".equals(span.path("kind").asText())
                    && "reservation-service".equals(span.path("localEndpoint").path("serviceName").asText())
                    && "POST".equals(span.path("tags").path("http.request.method").asText())
                    && "/reservations".equals(span.path("tags").path("http.route").asText())
                    && reservationId.equals(span.path("tags").path("reservation.id").asText())) {
                return true;
            }
        }
        return false;
    }

    /** JSON lines with the ids beside each message, the customers' phone numbers masked (SPEC §7). */
    private static void assertProdLogLines(Story story, String service) throws IOException {
        List<JsonNode> lines = Files.readAllLines(story.stack.logFile(service)).stream()
                .filter(line -> line.startsWith("{"))
                .map(TracesTest::json)
                .toList();
        assertThat(lines).as(service + "'s JSON log lines").isNotEmpty();
        assertThat(lines).as(service + ": a line with the trace, span and reservation ids").anySatisfy(line -> {
            assertThat(line.path("mdc").path("traceId").asText()).hasSize(32);
            assertThat(line.path("mdc").path("spanId").asText()).hasSize(16);
            assertThat(line.path("mdc").path("reservationId").asText()).hasSize(36);
        });
        assertThat(lines).as(service + ": no phone number in clear")
                .noneSatisfy(line -> assertThat(line.toString()).containsPattern(PHONE_IN_CLEAR));
    }

    private static JsonNode json(String line) {
        try {
            return JSON.readTree(line);
        } catch (IOException e) {
            throw new UncheckedIOException("not a JSON line: " + line, e);
        }
    }

    private static JsonNode get(String url) throws IOException, InterruptedException {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10))
                .GET().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as("GET " + url).isEqualTo(200);
        return JSON.readTree(response.body());
    }
}
