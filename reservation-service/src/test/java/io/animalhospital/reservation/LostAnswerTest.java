package io.animalhospital.reservation;

import static io.animalhospital.reservation.TopicContents.types;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import io.animalhospital.infra.PostgresServer;
import io.animalhospital.infra.QuarkusApp;
import io.animalhospital.infra.TestDatabase;
import io.animalhospital.infra.TestKafka;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

/**
 * What a lost answer leaves behind comes right by itself (SPEC §2): a seat diagnosis took for a placement that
 * was never recorded here comes back, and a reservation whose move's answer was lost follows its seat. The held
 * NOT_CONFIRMED cancellation lasts 8 s in the tests (application.properties %test). And an event that arrives
 * after a newer answer (an approval from before a move) does not undo it.
 */
@QuarkusTest
// Grouped by the diagnosis-service they need (normal, slow, unhurried): each change of it is a restart.
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class LostAnswerTest {

    private static String bootstrapServers;
    private static TestDatabase db;

    @TestHTTPResource("/reservations")
    URL reservations;

    @BeforeAll
    static void connect() {
        bootstrapServers = ConfigProvider.getConfig().getValue("kafka.bootstrap.servers", String.class);
        db = new TestDatabase(ConfigProvider.getConfig().getValue("quarkus.datasource.jdbc.url", String.class));
    }

    @Test
    @Order(5)
    void aCustomerWhoHangsUpMidPlacementLeavesNoSeatHeld() throws IOException {
        // Only booking answers are slow: the schedule is opened on the slow diagnosis too (no restart between).
        DiagnosisService.ensureSlow();
        String scheduleId = DiagnosisService.newSchedule("Dr. Hangup", 2, false);

        // The customer gives up after half a second; diagnosis books the seat and answers 3 s later.
        hangUpAfter(Duration.ofMillis(500), placement(scheduleId, "010-5151-0001"));
        String cutOff = await().atMost(Duration.ofSeconds(30))
                .until(() -> DiagnosisService.appointmentsOn(scheduleId), list -> list.size() == 1).get(0);

        assertSeatGivenBackWithoutReservation(scheduleId, cutOff);
    }

    @Test
    @Order(6)
    void aCustomerWhoHangsUpWhileTheSeatIsBookedStillGetsTheWholeReservation() throws IOException {
        DiagnosisService.ensureUnhurried();
        String scheduleId = DiagnosisService.newSchedule("Dr. Unhurried", 2, false);
        String phone = "010-5151-0002";
        // A diagnosis just started answers its first booking slowly (classes loaded, connections opened), on a busy
        // machine beyond the timeout: one booking first, so that the one below takes the configured 0.6 s.
        ReservationFlowTest.place(DiagnosisService.newSchedule("Dr. Warm-up", 1, false), "010-5151-0009");

        // The customer gives up while diagnosis books the seat (it answers after 0.6 s, within the timeout).
        hangUpAfter(Duration.ofMillis(300), placement(scheduleId, phone));

        // The placement ran to its end without its caller: recorded with its seat, its event out, nothing held back.
        String id = await().atMost(Duration.ofSeconds(30)).until(() -> Api.customer(phone)
                .get("/reservations").then().statusCode(200).extract().jsonPath().getList("id", String.class),
                ids -> ids.size() == 1).get(0);
        Api.customer(phone).get("/reservations/" + id).then().statusCode(200).body("status", equalTo("RESERVED"));
        assertThat(DiagnosisService.booked(scheduleId)).isEqualTo(1);
        List<ConsumerRecord<String, String>> published = await().atMost(Duration.ofSeconds(30))
                .until(() -> TopicContents.upToNow(bootstrapServers, "reservation-events"),
                        all -> !types(all, id).isEmpty());
        assertThat(types(published, id)).containsExactly("ReservationPlaced");
    }

    @Test
    @Order(3)
    void customersWhoHangUpAtOnceLeaveNoPlacementCutInHalf() throws IOException {
        DiagnosisService.ensureRunning();
        String scheduleId = DiagnosisService.newSchedule("Dr. Hasty", 20, false);
        String phone = "010-5151-0003";

        for (int i = 0; i < 10; i++) {
            sendAndHangUp(Duration.ofMillis(20), placement(scheduleId, phone));
        }

        // Every seat diagnosis booked belongs to a reservation recorded here and none was given back: none was cut
        // off between the two. Read once all placements have settled (the same answer for two seconds), since a
        // late one may still be on its way to diagnosis when the first ones are done.
        await().atMost(Duration.ofSeconds(30)).during(Duration.ofSeconds(2)).until(() -> {
            List<String> appointments = DiagnosisService.appointmentsOn(scheduleId);
            return !appointments.isEmpty() && DiagnosisService.booked(scheduleId) == appointments.size()
                    && Api.customer(phone).get("/reservations").then().statusCode(200).extract().jsonPath()
                            .getList("id", String.class).containsAll(appointments);
        });
    }

    @Test
    @Order(4)
    void aPlacementWhoseReleaseFailsStillGivesTheSeatBackWhenTheHoldEnds() {
        DiagnosisService.ensureSlow();
        String scheduleId = DiagnosisService.newSchedule("Dr. Unreleased", 2, false);
        String marked = "010-5252-0001";
        // The database refuses the immediate release, as a full disk or an outage would.
        db.execute("CREATE FUNCTION refuse_release() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN"
                        + " RAISE EXCEPTION USING ERRCODE = 'disk_full', MESSAGE = 'could not extend file (test)'; END $$",
                "CREATE TRIGGER refuse_release BEFORE UPDATE OF held_until ON outbox_event FOR EACH ROW"
                        + " WHEN (NEW.payload -> 'reservation' ->> 'phone' = '" + marked + "')"
                        + " EXECUTE FUNCTION refuse_release()");
        try {
            ReservationFlowTest.place(scheduleId, marked).then().statusCode(503);
        } finally {
            db.execute("DROP TRIGGER refuse_release ON outbox_event", "DROP FUNCTION refuse_release()");
        }
        String unconfirmed = DiagnosisService.appointmentsOn(scheduleId).get(0);
        // still held: nothing has gone out yet
        assertThat(db.count("SELECT count(*) FROM outbox_event WHERE record_key = ? AND held_until IS NOT NULL",
                unconfirmed)).isEqualTo(1);

        assertSeatGivenBackWithoutReservation(scheduleId, unconfirmed);
    }

    @Test
    @Order(1)
    void aReservationWhoseMoveAnswerWasLostFollowsItsSeat() throws SQLException {
        DiagnosisService.ensureRunning();
        String from = DiagnosisService.newSchedule("Dr. Here", 2, false);
        String to = DiagnosisService.newSchedule("Dr. There", 2, false);
        String owner = "010-5353-0001";
        String id = ReservationFlowTest.place(from, owner).then().statusCode(201).extract().path("id");

        // The target's row is held longer than the move call's 2 s timeout: diagnosis moves the seat after the
        // customer was told 503.
        int postgresPort = ConfigProvider.getConfig().getValue("hospital.test.postgres-port", Integer.class);
        try (Connection diagnosisDb = DriverManager.getConnection(
                QuarkusApp.PostgresServerAddress.onPort(postgresPort).jdbcUrl("diagnosis"), PostgresServer.USER,
                PostgresServer.PASSWORD)) {
            diagnosisDb.setAutoCommit(false);
            try (Statement lock = diagnosisDb.createStatement()) {
                lock.execute("SELECT * FROM schedule WHERE id = '" + to + "' FOR UPDATE");
            }
            Api.customer(owner).contentType(ContentType.JSON).body("{\"scheduleId\":\"" + to + "\"}")
                    .patch("/reservations/" + id).then().statusCode(503);
            diagnosisDb.commit();
        }

        await().atMost(Duration.ofSeconds(30)).until(() -> to.equals(Api.customer(owner).get("/reservations/" + id)
                .then().statusCode(200).extract().path("scheduleId")));
        Api.customer(owner).get("/reservations/" + id).then().body("vet", equalTo("Dr. There"))
                .body("status", equalTo("RESERVED"));
        assertThat(DiagnosisService.booked(from)).isZero();
        assertThat(DiagnosisService.booked(to)).isEqualTo(1);
        List<ConsumerRecord<String, String>> published = await().atMost(Duration.ofSeconds(30))
                .until(() -> TopicContents.upToNow(bootstrapServers, "reservation-events"),
                        all -> types(all, id).contains("ReservationChanged"));
        assertThat(types(published, id)).containsExactly("ReservationPlaced", "ReservationChanged");
    }

    @Test
    @Order(2)
    void anApprovalFromBeforeAMoveThatArrivesAfterItDoesNotApproveTheMovedReservation() {
        DiagnosisService.ensureRunning();
        String first = DiagnosisService.newSchedule("Dr. Before", 2, true);
        String second = DiagnosisService.newSchedule("Dr. After", 2, true);
        String owner = "010-5454-0001";
        String id = ReservationFlowTest.place(first, owner).then().statusCode(201)
                .body("status", equalTo("AWAITING_APPROVAL")).extract().path("id");
        Api.customer(owner).contentType(ContentType.JSON).body("{\"scheduleId\":\"" + second + "\"}")
                .patch("/reservations/" + id).then().statusCode(200).body("status", equalTo("AWAITING_APPROVAL"));

        // Staff approved the appointment on the first schedule just before the move; this service's consumer lagged
        // and reads that approval only now, followed by a marker that tells when it has been applied.
        UUID stale = UUID.randomUUID();
        UUID marker = UUID.randomUUID();
        try (TestKafka kafka = new TestKafka(bootstrapServers)) {
            kafka.sendTogether("diagnosis-events", id, DiagnosisEventsFixture.approved(stale, id, first),
                    // an approval on a schedule this reservation was never on: changes nothing
                    DiagnosisEventsFixture.approved(marker, id, UUID.randomUUID().toString()));
        }
        await().atMost(Duration.ofSeconds(30))
                .until(() -> db.count("SELECT count(*) FROM processed_event WHERE event_id = ?", marker) == 1);

        assertThat(db.count("SELECT count(*) FROM processed_event WHERE event_id = ?", stale)).isEqualTo(1);
        Api.customer(owner).get("/reservations/" + id).then().statusCode(200)
                .body("status", equalTo("AWAITING_APPROVAL")).body("scheduleId", equalTo(second));
        assertThat(DiagnosisService.appointmentStatus(id)).isEqualTo("AWAITING_APPROVAL");
    }

    /** Within SPEC §2's 60 s the seat is free again, its appointment cancelled, and no reservation exists. */
    private static void assertSeatGivenBackWithoutReservation(String scheduleId, String reservationId) {
        await().atMost(Duration.ofSeconds(60)).until(() -> DiagnosisService.booked(scheduleId) == 0);
        assertThat(DiagnosisService.appointmentStatus(reservationId)).isEqualTo("CANCELLED");
        Api.staff().get("/reservations/" + reservationId).then().statusCode(404);
        assertNotConfirmedPublished(reservationId);
    }

    private static void assertNotConfirmedPublished(String reservationId) {
        List<ConsumerRecord<String, String>> published = await().atMost(Duration.ofSeconds(30))
                .until(() -> TopicContents.upToNow(bootstrapServers, "reservation-events"),
                        all -> !types(all, reservationId).isEmpty());
        assertThat(types(published, reservationId)).containsExactly("ReservationCancelled");
        assertThat(published.stream().filter(r -> reservationId.equals(r.key())).findFirst().orElseThrow().value()
                .replace(" ", "")).contains("\"reason\":\"NOT_CONFIRMED\"");
    }

    private String placement(String scheduleId, String phone) {
        String body = Api.placement(scheduleId);
        return "POST " + reservations.getPath() + " HTTP/1.1\r\nHost: " + reservations.getHost() + "\r\n"
                + "Authorization: Bearer " + Api.identity().customer(phone) + "\r\n"
                + "Content-Type: application/json\r\nContent-Length: " + body.getBytes(StandardCharsets.UTF_8).length
                + "\r\n\r\n" + body;
    }

    /** Sends the request and closes the connection after {@code patience}; true if an answer began before. */
    private boolean sendAndHangUp(Duration patience, String request) throws IOException {
        try (Socket socket = new Socket(reservations.getHost(), reservations.getPort())) {
            OutputStream out = socket.getOutputStream();
            out.write(request.getBytes(StandardCharsets.UTF_8));
            out.flush();
            socket.setSoTimeout((int) patience.toMillis());
            try {
                return socket.getInputStream().read() >= 0;
            } catch (SocketTimeoutException expected) {
                return false; // hung up
            }
        }
    }

    /** Hangs up without reading, as an impatient client does; the answer must not have begun by then. */
    private void hangUpAfter(Duration patience, String request) throws IOException {
        if (sendAndHangUp(patience, request)) {
            throw new AssertionError("the placement answered within " + patience);
        }
    }
}
