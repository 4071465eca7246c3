package io.animalhospital.reservation;

import static io.restassured.RestAssured.given;

import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;

import io.animalhospital.infra.QuarkusApp;
import io.restassured.http.ContentType;

/** The real diagnosis-service, run from its packaged jar against the tests' PostgreSQL and broker. */
final class DiagnosisService {

    private static QuarkusApp app;
    private static boolean slow;

    private DiagnosisService() {
    }

    /** Running and answering at normal speed. */
    static synchronized void ensureRunning() {
        ensure(false);
    }

    /** Running with booking answers delayed beyond reservation-service's timeout: answers get lost. */
    static synchronized void ensureSlow() {
        ensure(true);
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

    static String newSchedule(String vet, int capacity, boolean approvalRequired) {
        return given().baseUri(url()).contentType(ContentType.JSON)
                .body("{\"vet\":\"" + vet + "\",\"date\":\"" + LocalDate.now().plusDays(2) + "\",\"capacity\":" + capacity
                        + ",\"approvalRequired\":" + approvalRequired + "}")
                .post("/schedules").then().statusCode(201).extract().path("id");
    }

    static int booked(String scheduleId) {
        return given().baseUri(url()).get("/schedules/" + scheduleId).then().statusCode(200).extract().path("booked");
    }

    static String appointmentStatus(String reservationId) {
        return given().baseUri(url()).get("/appointments/" + reservationId).then().extract().path("status");
    }

    private static void ensure(boolean wantSlow) {
        if (app != null && app.process().isPresent() && slow == wantSlow) {
            return;
        }
        kill();
        Config config = ConfigProvider.getConfig();
        int postgresPort = config.getValue("hospital.test.postgres-port", Integer.class);
        app = new QuarkusApp("diagnosis-service", Path.of("../diagnosis-service/target/quarkus-app/quarkus-run.jar"),
                port(), Path.of("target/diagnosis-service-" + UUID.randomUUID() + ".log"))
                .jvm(List.of("-Xmx256m"))
                .infrastructure(QuarkusApp.PostgresServerAddress.onPort(postgresPort), "diagnosis",
                        config.getValue("kafka.bootstrap.servers", String.class))
                .env("HOSPITAL_DIAGNOSIS_BOOKING_DELAY_ENABLED", String.valueOf(wantSlow))
                .env("HOSPITAL_DIAGNOSIS_BOOKING_DELAY_MIN", "3000ms")
                .env("HOSPITAL_DIAGNOSIS_BOOKING_DELAY_MAX", "3100ms")
                .start(Duration.ofSeconds(90));
        slow = wantSlow;
    }

    private static int port() {
        return ConfigProvider.getConfig().getValue("hospital.test.diagnosis-port", Integer.class);
    }
}
