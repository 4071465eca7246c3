package io.animalhospital.reservation;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.lessThan;
import static org.hamcrest.Matchers.startsWith;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.animalhospital.infra.MetricsCatalog;
import io.animalhospital.infra.TestDatabase;
import io.animalhospital.platform.tracing.Traces;
import io.animalhospital.reservation.client.GuardedDiagnosis;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;

/**
 * The guarded call with short test numbers (application.properties %test): timeout 2.5 s, the breaker opens
 * after 4 calls with half failing and tries again after 2 s, Retry-After 2 s.
 */
@QuarkusTest
class FaultToleranceTest {

    private static TestDatabase db;

    @Inject
    InMemorySpanExporter spans;

    @BeforeAll
    static void connect() {
        db = new TestDatabase(ConfigProvider.getConfig().getValue("quarkus.datasource.jdbc.url", String.class));
    }

    /** Leaves diagnosis running normally and the breaker closed for the tests that follow. */
    @AfterEach
    void diagnosisBackToNormal() {
        DiagnosisService.ensureRunning();
        String scheduleId = DiagnosisService.newSchedule("Dr. Recovered", 1000, false);
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(500))
                .until(() -> ReservationFlowTest.place(scheduleId, "010-0000-0000").statusCode() == 201);
    }

    @Test
    void diagnosisDownAnswers503ThenTheBreakerOpensAndClosesAgain() {
        DiagnosisService.ensureRunning();
        String scheduleId = DiagnosisService.newSchedule("Dr. Flaky", 50, false);
        long before = db.count("SELECT count(*) FROM reservation");
        double unavailableBefore = ReservationFlowTest.placements("503");
        double openedBefore = metric("ft_circuitbreaker_opened_total", Map.of("method", BOOK));
        // A late answer of the test before may have opened the breaker again already.
        boolean closedBefore = metric("ft_circuitbreaker_state_current", Map.of("method", BOOK, "state", "closed")) == 1.0;
        DiagnosisService.kill();

        for (int i = 0; i < 4; i++) {
            unavailable(ReservationFlowTest.place(scheduleId, "010-6666-0001"));
        }
        // Open: answered at once, without waiting for the unreachable service.
        ReservationFlowTest.place(scheduleId, "010-6666-0002").then().time(lessThan(500L));
        unavailable(ReservationFlowTest.place(scheduleId, "010-6666-0002"));
        assertThat(db.count("SELECT count(*) FROM reservation")).isEqualTo(before);
        // What the dashboard and the alert see: six 503s, the breaker opened (once more, if it was closed) and open now.
        assertThat(ReservationFlowTest.placements("503") - unavailableBefore).isEqualTo(6.0);
        assertThat(metric("ft_circuitbreaker_opened_total", Map.of("method", BOOK)))
                .isGreaterThanOrEqualTo(openedBefore + (closedBefore ? 1 : 0)).isPositive();
        assertThat(metric("ft_circuitbreaker_state_current", Map.of("method", BOOK, "state", "open"))).isEqualTo(1.0);
        // The trace tells why: the guard fell back because the breaker was open.
        SpanData refused = await().atMost(Duration.ofSeconds(10)).until(
                () -> guarded(s -> "circuit-open".equals(s.getAttributes().get(GuardedDiagnosis.FALLBACK_CAUSE))),
                found -> found != null);
        assertThat(refused.getAttributes().get(GuardedDiagnosis.OUTCOME)).isEqualTo("fallback");
        assertThat(refused.getAttributes().get(GuardedDiagnosis.FALLBACK_CAUSE)).isEqualTo("circuit-open");
        assertThat(refused.getAttributes().get(GuardedDiagnosis.BREAKER_STATE)).isEqualTo("open");

        DiagnosisService.ensureRunning();
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(500))
                .until(() -> ReservationFlowTest.place(scheduleId, "010-6666-0003").statusCode() == 201);
        String placed = ReservationFlowTest.place(scheduleId, "010-6666-0004").then().statusCode(201).extract().path("id");
        assertThat(metric("ft_circuitbreaker_state_current", Map.of("method", BOOK, "state", "closed"))).isEqualTo(1.0);
        // Every series of this service that the dashboard and the alerts use, the consumer's lag included once its
        // partitions are assigned.
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> MetricsCatalog.assertExposes("reservation-service", scrape()));
        // Answered: the guarded span, the call to diagnosis-service under it and the request, one trace, one reservation.
        SpanData answered = await().atMost(Duration.ofSeconds(10)).until(
                () -> guarded(s -> placed.equals(s.getAttributes().get(Traces.RESERVATION_ID))), found -> found != null);
        assertThat(answered.getAttributes().get(GuardedDiagnosis.OUTCOME)).isEqualTo("answered");
        assertThat(answered.getAttributes().get(GuardedDiagnosis.BREAKER_STATE)).isEqualTo("closed");
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            List<SpanData> trace = spans.getFinishedSpanItems().stream()
                    .filter(s -> s.getTraceId().equals(answered.getTraceId())).toList();
            assertThat(trace).anySatisfy(s -> {
                assertThat(s.getKind()).isEqualTo(SpanKind.CLIENT);
                assertThat(s.getParentSpanId()).isEqualTo(answered.getSpanId());
                assertThat(s.getName()).startsWith("POST");
            });
            assertThat(trace).anySatisfy(s -> {
                assertThat(s.getKind()).isEqualTo(SpanKind.SERVER);
                assertThat(s.getName()).isEqualTo("POST /reservations");
                assertThat(s.getAttributes().get(Traces.RESERVATION_ID)).isEqualTo(placed);
            });
        });
    }

    private static final String BOOK = "io.animalhospital.reservation.client.DiagnosisGateway.book";

    private static String scrape() {
        return given().get("/q/metrics").then().statusCode(200).extract().asString();
    }

    private static double metric(String name, Map<String, String> labels) {
        Double value = MetricsCatalog.value(scrape(), name, labels);
        return value == null ? 0 : value;
    }

    private SpanData guarded(java.util.function.Predicate<SpanData> which) {
        return spans.getFinishedSpanItems().stream().filter(s -> s.getName().equals("diagnosis-service book (guarded)"))
                .filter(which).findFirst().orElse(null);
    }

    @Test
    void aLostAnswerLeavesNoSeatAndNoReservation() {
        DiagnosisService.ensureRunning();
        String scheduleId = DiagnosisService.newSchedule("Dr. Slow", 3, false);
        long before = db.count("SELECT count(*) FROM reservation");
        DiagnosisService.ensureSlow();

        // diagnosis commits each booking but answers (after 3 s) later than reservation-service's 2.5 s timeout
        for (int i = 0; i < 2; i++) {
            unavailable(ReservationFlowTest.place(scheduleId, "010-7777-0001"));
        }
        long started = System.nanoTime();
        unavailable(ReservationFlowTest.place(scheduleId, "010-7777-0001"));
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofMillis(2900));

        await().atMost(Duration.ofSeconds(60)).until(() -> DiagnosisService.booked(scheduleId) == 0);
        assertThat(db.count("SELECT count(*) FROM reservation")).isEqualTo(before);
    }

    private static void unavailable(Response response) {
        response.then().statusCode(503)
                .header("Retry-After", equalTo("2"))
                .contentType(startsWith("application/problem+json"))
                .body("status", equalTo(503));
    }
}
