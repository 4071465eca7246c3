package io.animalhospital.reservation;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import jakarta.inject.Inject;

import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import io.animalhospital.infra.TestDatabase;
import io.animalhospital.reservation.client.DiagnosisGateway;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.smallrye.faulttolerance.api.CircuitBreakerMaintenance;
import io.smallrye.faulttolerance.api.CircuitBreakerState;

/**
 * reservation-service calls diagnosis-service with its own client-credentials token from the real Keycloak: fetched
 * once and kept (not per call), and when it cannot be had, or diagnosis refuses it, the customer gets a 503 with
 * Retry-After, nothing is booked or written, and the circuit breaker stays closed (it is not diagnosis's fault).
 */
@QuarkusTest
// The test that needs a long-lived token runs last: a test after it would wait for that token to expire.
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ServiceAccountTest {

    /** Long enough for forty placements; the test that uses it runs last, so no test waits for it to end. */
    private static final Duration LONGEST_LIFETIME = Duration.ofSeconds(40);
    private static TestDatabase db;

    @Inject
    CircuitBreakerMaintenance breakers;

    @BeforeAll
    static void connect() {
        db = new TestDatabase(ConfigProvider.getConfig().getValue("quarkus.datasource.jdbc.url", String.class));
    }

    @AfterEach
    void tokensAsUsual() {
        ServiceTokens.lifetime(ServiceTokens.DEFAULT_LIFETIME);
        DiagnosisService.ensureRunning();
    }

    @Test
    @Order(1)
    void onlyTheServiceAccountMayBookOnDiagnosis() {
        DiagnosisService.ensureRunning();
        String scheduleId = DiagnosisService.newSchedule("Dr. Own Token", 5, false);
        String booking = "{\"reservationId\":\"" + UUID.randomUUID() + "\",\"scheduleId\":\"" + scheduleId
                + "\",\"petName\":\"Bori\",\"reason\":null}";
        // reservation-service's real token from Keycloak (client credentials) carries the role the booking calls need
        given().baseUri(DiagnosisService.url())
                .auth().oauth2(Api.identity().keycloakServiceToken()).contentType(ContentType.JSON).body(booking)
                .post("/appointments").then().statusCode(201);
        // a customer's or staff's token does not
        DiagnosisService.clinic().contentType(ContentType.JSON).body(booking).post("/appointments")
                .then().statusCode(403);
        Api.customer(Api.newPhone()).baseUri(DiagnosisService.url()).contentType(ContentType.JSON).body(booking)
                .post("/appointments").then().statusCode(403);
    }

    @Test
    @Order(4)
    void theTokenIsFetchedOnceAndServesEveryPlacementWhileKeycloakIsPaused() throws Exception {
        DiagnosisService.ensureRunning();
        String scheduleId = DiagnosisService.newSchedule("Dr. Cached", 100, false);
        String phone = Api.newPhone();
        ServiceTokens.lifetime(LONGEST_LIFETIME);
        awaitNewToken(scheduleId, phone);

        // Twenty placements with a running Keycloak: not one token request
        int booked = DiagnosisService.booked(scheduleId);
        int requests = ServiceTokens.requests();
        for (int i = 0; i < 20; i++) {
            ReservationFlowTest.place(scheduleId, phone).then().statusCode(201);
        }
        assertThat(ServiceTokens.requests()).isEqualTo(requests);

        // and twenty with Keycloak paused: the kept token still serves
        try (AutoCloseable paused = KeycloakProcess.pause()) {
            for (int i = 0; i < 20; i++) {
                ReservationFlowTest.place(scheduleId, phone).then().statusCode(201);
            }
        }
        assertThat(ServiceTokens.requests()).isEqualTo(requests);
        assertThat(DiagnosisService.booked(scheduleId)).isEqualTo(booked + 40);
    }

    @Test
    @Order(3)
    void noTokenFromAPausedKeycloakIs503WithoutBookingAndLeavesTheBreakerClosed() throws Exception {
        DiagnosisService.ensureRunning();
        String scheduleId = DiagnosisService.newSchedule("Dr. No Token", 100, false);
        String phone = Api.newPhone();
        ServiceTokens.lifetime(Duration.ofSeconds(2));
        awaitNewToken(scheduleId, phone);
        int booked;
        long reservations;

        try (AutoCloseable paused = KeycloakProcess.pause()) {
            // once the kept token has expired, the next cannot be had
            await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(200))
                    .until(() -> ReservationFlowTest.place(scheduleId, phone).statusCode() == 503);
            booked = DiagnosisService.booked(scheduleId);
            reservations = db.count("SELECT count(*) FROM reservation WHERE phone = ?", phone);
            // more than the breaker's request volume (4 in the tests), all answered after the token's bound (1 s)
            for (int i = 0; i < 6; i++) {
                long started = System.nanoTime();
                unavailable(ReservationFlowTest.place(scheduleId, phone));
                assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofMillis(2400));
            }
            assertThat(breakers.currentState(DiagnosisGateway.BOOK)).isEqualTo(CircuitBreakerState.CLOSED);
            assertThat(DiagnosisService.booked(scheduleId)).isEqualTo(booked);
        }
        assertThat(db.count("SELECT count(*) FROM reservation WHERE phone = ?", phone)).isEqualTo(reservations);
        // Keycloak is back: the very next placement gets a token and its seat, the breaker never opened
        ServiceTokens.lifetime(ServiceTokens.DEFAULT_LIFETIME);
        ReservationFlowTest.place(scheduleId, phone).then().statusCode(201);
        assertThat(breakers.currentState(DiagnosisGateway.BOOK)).isEqualTo(CircuitBreakerState.CLOSED);
        assertThat(DiagnosisService.booked(scheduleId)).isEqualTo(booked + 1);
    }

    @Test
    @Order(2)
    void aTokenDiagnosisRefusesIs503AndAnErrorAndLeavesTheBreakerClosed() {
        DiagnosisService.ensureRunning();
        String scheduleId = DiagnosisService.newSchedule("Dr. Refusing", 100, false);
        String phone = Api.newPhone();
        List<LogRecord> errors = new CopyOnWriteArrayList<>();
        Handler handler = new Handler() {
            @Override
            public void publish(LogRecord record) {
                if (record.getLevel().intValue() >= Level.SEVERE.intValue()) {
                    errors.add(record);
                }
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        Logger gateway = Logger.getLogger(DiagnosisGateway.class.getName());
        gateway.addHandler(handler);
        try {
            DiagnosisService.ensureDistrustful();
            for (int i = 0; i < 6; i++) {
                unavailable(ReservationFlowTest.place(scheduleId, phone));
            }
            assertThat(breakers.currentState(DiagnosisGateway.BOOK)).isEqualTo(CircuitBreakerState.CLOSED);
            assertThat(errors).isNotEmpty();
            assertThat(errors.get(0).getMessage())
                    .contains("diagnosis-service answered 40", "reservation-service's own");
        } finally {
            gateway.removeHandler(handler);
        }
        assertThat(db.count("SELECT count(*) FROM reservation WHERE phone = ?", phone)).isZero();

        // diagnosis trusts it again (a fresh start: its first answers may be slow, so the breaker had better be closed)
        DiagnosisService.ensureRunning();
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(500))
                .until(() -> ReservationFlowTest.place(scheduleId, phone).statusCode() == 201);
        // One seat in the end: a try whose answer came too late (a fresh diagnosis is slow at first) held a seat for
        // a moment, which reservation-service gives back (the placement hold), as after any lost answer.
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(500))
                .until(() -> DiagnosisService.booked(scheduleId) == 1);
    }

    /** Places until the service has fetched a new token (its current one expires within the lifetimes told). */
    private static void awaitNewToken(String scheduleId, String phone) {
        int issued = ServiceTokens.issued();
        await().atMost(LONGEST_LIFETIME.plusSeconds(20)).pollInterval(Duration.ofMillis(500))
                .until(() -> {
                    ReservationFlowTest.place(scheduleId, phone).then().statusCode(201);
                    return ServiceTokens.issued() > issued;
                });
    }

    private static void unavailable(Response response) {
        response.then().statusCode(503)
                .header("Retry-After", equalTo("2"))
                .contentType(startsWith("application/problem+json"))
                .body("type", equalTo("https://animal-hospital.example/problems/booking-unavailable"));
    }
}
