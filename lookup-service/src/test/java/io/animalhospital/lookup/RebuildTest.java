package io.animalhospital.lookup;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.animalhospital.infra.TestDatabase;
import io.animalhospital.infra.TestIdentity;
import io.animalhospital.infra.TestKafka;
import io.quarkus.test.junit.QuarkusTest;

/** Emptying the view and replaying the topics yields the very same rows. */
@QuarkusTest
class RebuildTest {

    private static TestKafka kafka;
    private static TestDatabase db;

    @BeforeAll
    static void connect() {
        kafka = new TestKafka(ConfigProvider.getConfig().getValue("kafka.bootstrap.servers", String.class));
        db = new TestDatabase(ConfigProvider.getConfig().getValue("quarkus.datasource.jdbc.url", String.class));
    }

    @AfterAll
    static void close() {
        kafka.close();
    }

    @Test
    void rebuildingFromTheTopicsYieldsTheSameDocuments() {
        ClinicEvents first = new ClinicEvents(ClinicEvents.uniquePhone());
        ClinicEvents second = new ClinicEvents(ClinicEvents.uniquePhone());
        Instant t = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        first.billPaid(t.plusSeconds(6)).to(kafka);
        first.reservation("ReservationPlaced", "RESERVED", t).to(kafka);
        first.treated(t.plusSeconds(3)).to(kafka);
        first.notification("SENT", "Paid, thank you", t.plusSeconds(7)).to(kafka);
        second.reservation("ReservationPlaced", "AWAITING_APPROVAL", t).to(kafka);
        second.reservation("ReservationCancelled", "CANCELLED", t.plusSeconds(1)).to(kafka);
        ReservationStatusViewTest.awaitVersion(first, 4);
        ReservationStatusViewTest.awaitVersion(second, 2);
        // The events published before start-up are part of the view, too.
        ReservationStatusViewTest.awaitVersion(new ClinicEvents(LookupTestInfrastructure.MISSED_RESERVATION,
                LookupTestInfrastructure.MISSED_PHONE), 4);

        String before = wholeView();
        long applied = db.count("SELECT count(*) FROM processed_event");

        // An admin's real token from Keycloak (password grant); the answer names who started the rebuild.
        given().auth().oauth2(TestIdentity.fromConfig().keycloakToken(TestIdentity.ADMIN)).post("/admin/rebuild").then()
                .statusCode(202)
                .body("partitions.reservation-events", equalTo(3))
                .body("startedBy.name", equalTo("admin-1 Test"))
                .body("startedBy.subject", notNullValue());

        await().atMost(Duration.ofSeconds(40)).pollInterval(Duration.ofMillis(250))
                .until(() -> wholeView().equals(before));
        assertThat(db.count("SELECT count(*) FROM processed_event")).isEqualTo(applied);
    }

    /** Every row of the view, every column, in one text. */
    private static String wholeView() {
        return String.valueOf(db.query("SELECT json_agg(r ORDER BY reservation_id)::text AS view"
                + " FROM reservation_status r").get(0).get("view"));
    }
}
