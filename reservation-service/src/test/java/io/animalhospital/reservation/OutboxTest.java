package io.animalhospital.reservation;

import static io.animalhospital.reservation.TopicContents.ofKey;
import static io.animalhospital.reservation.TopicContents.types;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.lessThan;
import static org.hamcrest.Matchers.startsWith;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.animalhospital.infra.TestDatabase;
import io.animalhospital.infra.TestKafka;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;

/**
 * The transactional outbox against the real database and broker (SPEC §4): a rolled-back change publishes
 * nothing, and a relay killed in the middle of publishing loses nothing and keeps each reservation's order.
 */
@QuarkusTest
class OutboxTest {

    private static String bootstrapServers;
    private static TestDatabase db;

    @BeforeAll
    static void connect() {
        bootstrapServers = ConfigProvider.getConfig().getValue("kafka.bootstrap.servers", String.class);
        db = new TestDatabase(ConfigProvider.getConfig().getValue("quarkus.datasource.jdbc.url", String.class));
    }

    @Test
    void aRolledBackPlacementPublishesNothingAndGivesTheSeatBack() {
        DiagnosisService.ensureRunning();
        String scheduleId = DiagnosisService.newSchedule("Dr. Rollback", 1, false);
        String marked = "010-9999-0000";
        // The reservation's own transaction fails after diagnosis booked the seat, as a full disk would fail it.
        db.execute("CREATE FUNCTION reject_marked_reservation() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN"
                + " RAISE EXCEPTION USING ERRCODE = 'disk_full', MESSAGE = 'could not extend file (test)'; END $$",
                "CREATE TRIGGER reject_marked_reservation BEFORE INSERT ON reservation FOR EACH ROW"
                        + " WHEN (NEW.phone = '" + marked + "') EXECUTE FUNCTION reject_marked_reservation()");
        try {
            Response failure = ReservationFlowTest.place(scheduleId, marked);
            failure.then().statusCode(allOf(greaterThanOrEqualTo(500), lessThan(600)))
                    .contentType(startsWith("application/problem+json"))
                    .body("status", equalTo(failure.statusCode()));
        } finally {
            db.execute("DROP TRIGGER reject_marked_reservation ON reservation", "DROP FUNCTION reject_marked_reservation()");
        }

        // diagnosis did take the seat (the failure came after the booking), and gives it back
        List<String> appointments = DiagnosisService.appointmentsOn(scheduleId);
        assertThat(appointments).hasSize(1);
        String failed = appointments.get(0);
        await().atMost(Duration.ofSeconds(30)).until(() -> DiagnosisService.booked(scheduleId) == 0);
        assertThat(DiagnosisService.appointmentStatus(failed)).isEqualTo("CANCELLED");
        Api.staff().get("/reservations/" + failed).then().statusCode(404);
        assertThat(db.count("SELECT count(*) FROM reservation WHERE id = ? OR phone = ?", UUID.fromString(failed),
                marked)).isZero();

        // The freed seat goes to the next customer; once the relay has published that placement, it has gone past
        // anything the failed one could have left behind.
        String next = ReservationFlowTest.place(scheduleId, "010-9999-0001").then().statusCode(201)
                .extract().path("id");
        await().atMost(Duration.ofSeconds(30)).until(() -> db.count(
                "SELECT count(*) FROM outbox_event WHERE record_key IN (?, ?)", failed, next) == 0);
        List<ConsumerRecord<String, String>> published = TopicContents.upToNow(bootstrapServers, "reservation-events");
        assertThat(types(published, next)).containsExactly("ReservationPlaced");
        assertThat(types(published, failed)).containsExactly("ReservationCancelled");
        assertThat(ofKey(published, failed).get(0).value().replace(" ", "")).contains("\"reason\":\"NOT_CONFIRMED\"");
    }

    @Test
    void aRelayKilledMidPublicationLosesNothingAndKeepsEachReservationInOrder() {
        DiagnosisService.ensureRunning();
        String scheduleId = DiagnosisService.newSchedule("Dr. Crash", 10, true);
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            ids.add(ReservationFlowTest.place(scheduleId, "010-9898-000" + i).then().statusCode(201)
                    .body("status", equalTo("AWAITING_APPROVAL")).extract().path("id"));
        }

        // diagnosis keeps working without its broker: every decision is committed with its event in the outbox
        DiagnosisService.ensureWithoutBroker();
        for (String id : ids) {
            clinic().post("/appointments/" + id + "/approve").then().statusCode(200);
            clinic().contentType(ContentType.JSON)
                    .body("{\"doctor\":\"Dr. Crash\",\"medicalOpinion\":\"otitis\",\"treatment\":\"ear drops\","
                            + "\"prescription\":\"drops twice a day\",\"items\":[{\"code\":\"EXAM\",\"quantity\":1}]}")
                    .post("/appointments/" + id + "/treatment").then().statusCode(200);
        }
        TestDatabase diagnosisDb = DiagnosisService.database();
        Map<String, List<String>> pending = new LinkedHashMap<>();
        for (String id : ids) {
            List<Map<String, Object>> rows = diagnosisDb.query(
                    "SELECT event_id::text AS id, event_type FROM outbox_event WHERE record_key = ? ORDER BY seq", id);
            assertThat(rows).extracting(r -> r.get("event_type")).containsExactly("AppointmentApproved", "Treated");
            pending.put(id, rows.stream().map(r -> (String) r.get("id")).toList());
        }
        // The relay holds its lock while it waits for the broker's acknowledgement: it is mid-publication.
        await().atMost(Duration.ofSeconds(30)).until(() -> diagnosisDb.count("SELECT count(*) FROM pg_locks"
                + " WHERE locktype = 'advisory' AND granted AND database = (SELECT oid FROM pg_database"
                + " WHERE datname = current_database())") == 1);
        for (String id : ids) {
            assertThat(status(id)).isEqualTo("AWAITING_APPROVAL");
        }

        // kill -9 in the middle of publishing; the restart is an ordinary one
        DiagnosisService.kill();
        String ofTheseReservations = "SELECT count(*) FROM outbox_event WHERE record_key IN (?, ?, ?)";
        assertThat(diagnosisDb.count(ofTheseReservations, ids.toArray())).isEqualTo(2L * ids.size());
        DiagnosisService.ensureRunning();

        // Every event arrives after the restart, each reservation's in order; reservation-service follows
        for (String id : ids) {
            await().atMost(Duration.ofSeconds(45)).until(() -> status(id).equals("TREATED"));
        }
        await().atMost(Duration.ofSeconds(30)).until(() -> diagnosisDb.count(ofTheseReservations, ids.toArray()) == 0);
        List<ConsumerRecord<String, String>> decisions = TopicContents.upToNow(bootstrapServers, "diagnosis-events");
        for (String id : ids) {
            List<ConsumerRecord<String, String>> events = ofKey(decisions, id);
            // Duplicates are allowed (at-least-once); the first delivery of each event keeps the outbox's order.
            assertThat(events.stream().map(r -> TestKafka.Reader.headers(r).get("ce_id")).distinct().toList())
                    .containsExactlyElementsOf(pending.get(id));
            assertThat(types(decisions, id)).containsExactly("AppointmentApproved", "Treated");
        }
        List<ConsumerRecord<String, String>> changes = await().atMost(Duration.ofSeconds(30))
                .until(() -> TopicContents.upToNow(bootstrapServers, "reservation-events"),
                        all -> ids.stream().allMatch(id -> types(all, id).contains("ReservationTreated")));
        for (String id : ids) {
            assertThat(types(changes, id))
                    .containsExactly("ReservationPlaced", "ReservationApproved", "ReservationTreated");
        }
    }

    private static RequestSpecification clinic() {
        return DiagnosisService.clinic();
    }

    private static String status(String id) {
        return Api.staff().get("/reservations/" + id).then().statusCode(200).extract().path("status");
    }
}
