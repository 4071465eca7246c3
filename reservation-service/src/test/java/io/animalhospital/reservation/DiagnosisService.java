package io.animalhospital.reservation;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;

import io.animalhospital.infra.QuarkusApp;
import io.animalhospital.infra.TestDatabase;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;

/**
 * The real diagnosis-service, run from its packaged jar against the tests' PostgreSQL, broker and Keycloak: it
 * verifies reservation-service's own token on the booking calls, and staff tokens on what the tests do as the clinic.
 */
final class DiagnosisService {

    /** How the running process was started. */
    private enum Mode { NORMAL, SLOW, UNHURRIED, WITHOUT_BROKER, DISTRUSTFUL }

    private static QuarkusApp app;
    private static Mode mode;

    private DiagnosisService() {
    }

    /** Running and answering at normal speed. */
    static synchronized void ensureRunning() {
        ensure(Mode.NORMAL);
    }

    /** Running with booking answers delayed beyond reservation-service's timeout: answers get lost. */
    static synchronized void ensureSlow() {
        ensure(Mode.SLOW);
    }

    /** Running with booking answers taking 0.6 s, well within reservation-service's timeout (2.5 s in tests). */
    static synchronized void ensureUnhurried() {
        ensure(Mode.UNHURRIED);
    }

    /**
     * Running with its broker unreachable: its API answers and its outbox fills, but nothing is published.
     * Never ready (readiness includes Kafka), so only liveness is awaited.
     */
    static synchronized void ensureWithoutBroker() {
        ensure(Mode.WITHOUT_BROKER);
    }

    /**
     * Running, but refusing reservation-service's token: it reads roles from a claim no token has, so the booking
     * calls (role reservation-service) answer 403, as a realm without that role would have them answered.
     */
    static synchronized void ensureDistrustful() {
        ensure(Mode.DISTRUSTFUL);
    }

    static synchronized void kill() {
        if (app != null) {
            app.kill();
            app = null;
        }
    }

    static String url() {
        return "http://127.0.0.1:" + port();
    }

    /** A request to diagnosis-service as staff (the clinic's side of the tests). */
    static RequestSpecification clinic() {
        return given().baseUri(url()).auth().oauth2(Api.identity().staff());
    }

    static String newSchedule(String vet, int capacity, boolean approvalRequired) {
        return clinic().contentType(ContentType.JSON)
                .body("{\"vet\":\"" + vet + "\",\"date\":\"" + LocalDate.now().plusDays(2) + "\",\"capacity\":" + capacity
                        + ",\"approvalRequired\":" + approvalRequired + "}")
                .post("/schedules").then().statusCode(201).extract().path("id");
    }

    static int booked(String scheduleId) {
        return given().baseUri(url()).get("/schedules/" + scheduleId).then().statusCode(200).extract().path("booked");
    }

    static String appointmentStatus(String reservationId) {
        return clinic().get("/appointments/" + reservationId).then().extract().path("status");
    }

    /** The reservation ids of every appointment ever made on the schedule, cancelled ones included. */
    static List<String> appointmentsOn(String scheduleId) {
        List<String> all = new java.util.ArrayList<>();
        for (int page = 0;; page++) {
            List<String> ids = clinic().queryParam("scheduleId", scheduleId).queryParam("size", 100)
                    .queryParam("page", page).get("/appointments")
                    .then().statusCode(200).extract().jsonPath().getList("reservationId", String.class);
            all.addAll(ids);
            if (ids.size() < 100) {
                return all;
            }
        }
    }

    /** diagnosis-service's own database, for what only it can show (its outbox). */
    static TestDatabase database() {
        int postgresPort = ConfigProvider.getConfig().getValue("hospital.test.postgres-port", Integer.class);
        return new TestDatabase(QuarkusApp.PostgresServerAddress.onPort(postgresPort).jdbcUrl("diagnosis"));
    }

    private static void ensure(Mode wanted) {
        if (app != null && app.process().isPresent() && mode == wanted) {
            return;
        }
        kill();
        Config config = ConfigProvider.getConfig();
        int postgresPort = config.getValue("hospital.test.postgres-port", Integer.class);
        String broker = wanted == Mode.WITHOUT_BROKER ? "127.0.0.1:" + closedPort()
                : config.getValue("kafka.bootstrap.servers", String.class);
        boolean delayed = wanted == Mode.SLOW || wanted == Mode.UNHURRIED;
        int delayMillis = wanted == Mode.SLOW ? 3000 : 600;
        QuarkusApp launched = new QuarkusApp("diagnosis-service", jar(),
                port(), Path.of("target/diagnosis-service-" + UUID.randomUUID() + ".log"))
                .jvm(List.of("-Xmx256m", "-XX:TieredStopAtLevel=1"))
                .infrastructure(QuarkusApp.PostgresServerAddress.onPort(postgresPort), "diagnosis", broker)
                .env("HOSPITAL_DIAGNOSIS_BOOKING_DELAY_ENABLED", String.valueOf(delayed))
                .env("HOSPITAL_DIAGNOSIS_BOOKING_DELAY_MIN", delayMillis + "ms")
                .env("HOSPITAL_DIAGNOSIS_BOOKING_DELAY_MAX", (delayMillis + 100) + "ms")
                .env("QUARKUS_OIDC_AUTH_SERVER_URL", config.getValue("quarkus.oidc.auth-server-url", String.class));
        if (wanted == Mode.DISTRUSTFUL) {
            launched.env("QUARKUS_OIDC_ROLES_ROLE_CLAIM_PATH", "realm_access/nobody_has_these");
        }
        launched.launch();
        app = launched;
        mode = wanted;
        if (wanted == Mode.WITHOUT_BROKER) {
            await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(250)).until(() -> {
                if (launched.process().isEmpty()) {
                    throw new IllegalStateException("diagnosis-service exited during start-up; see " + launched.log());
                }
                return live();
            });
        } else {
            launched.awaitReady(Duration.ofSeconds(90));
        }
    }

    private static boolean live() {
        try {
            return given().baseUri(url()).get("/q/health/live").statusCode() == 200;
        } catch (Exception notListeningYet) {
            // RestAssured rethrows the connection refusal unchecked, as long as the port is not open yet.
            return false;
        }
    }

    /** A port nobody listens on: connections to it are refused at once. */
    private static int closedPort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The packaged service: its build folder, or a copy of its quarkus-app folder named by the system property
     * {@code hospital.test.diagnosis-app}, so that a rebuild of diagnosis-service during a long run cannot take it
     * away.
     */
    private static Path jar() {
        String copy = System.getProperty("hospital.test.diagnosis-app");
        return copy == null ? Path.of("../diagnosis-service/target/quarkus-app/quarkus-run.jar")
                : Path.of(copy, "quarkus-run.jar");
    }

    private static int port() {
        return ConfigProvider.getConfig().getValue("hospital.test.diagnosis-port", Integer.class);
    }
}
