package io.animalhospital.notice;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;

import java.time.Duration;
import java.util.UUID;

import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.animalhospital.infra.TestDatabase;
import io.animalhospital.infra.TestIdentity;
import io.animalhospital.infra.TestKafka;
import io.animalhospital.notice.Events.Reservation;
import io.quarkus.test.junit.QuarkusTest;

/**
 * The clinic hears when an appointment starts awaiting approval (issue 18, decision 0061): one notification to its
 * configured address (here the local default, through the log channel) beside the customer's, for staff only.
 */
@QuarkusTest
class ClinicNotificationTest {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static TestKafka kafka;
    private static TestDatabase db;
    private final TestIdentity identity = TestIdentity.fromConfig();

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
    void aReservationPlacedAwaitingApprovalTellsTheFrontDesk() {
        String phone = NotificationAccessTest.randomPhone();
        Reservation bori = Reservation.of("Bori", phone, null);
        UUID placed = send(bori, "ReservationPlaced", "AWAITING_APPROVAL");

        await().atMost(WAIT).untilAsserted(() -> staff().queryParam("reservationId", bori.key())
                .queryParam("audience", "CLINIC").get("/notifications").then().statusCode(200)
                .body("eventId", contains(placed.toString()))
                .body("recipient", contains("front-desk@clinic.local"))
                .body("channel", contains("log"))
                .body("status", contains("SENT"))
                .body("message", contains("[동물병원] 승인 대기: 2031년 5월 4일 Park 선생님 진료에 Bori 예약이 승인을 "
                        + "기다립니다. 승인 또는 거절: http://127.0.0.1:8080/staff/approvals")));
        // The customer's own notification is there too, and the customer sees only theirs.
        given().auth().oauth2(identity.customer(phone)).queryParam("reservationId", bori.key()).get("/notifications")
                .then().statusCode(200).body("eventId", contains(placed.toString()))
                .body("audience", everyItem(equalTo("CUSTOMER")));
        given().auth().oauth2(identity.customer(phone)).get("/notifications").then().statusCode(200)
                .body("recipient", everyItem(equalTo(phone)));
        staff().queryParam("reservationId", bori.key()).queryParam("audience", "CUSTOMER").get("/notifications")
                .then().statusCode(200).body("eventId", contains(placed.toString()));
    }

    @Test
    void onlyAMoveOntoAnotherApprovalDayTellsItAgain() {
        Reservation coco = Reservation.of("Coco", NotificationAccessTest.randomPhone(), "coco@example.com");
        send(coco, "ReservationPlaced", "AWAITING_APPROVAL");
        // The e-mail address changed, the visit did not: nothing new for the clinic.
        send(new Reservation(coco.id(), coco.ownerName(), coco.phone(), "coco.owner@example.com", coco.petName(),
                coco.vet(), coco.date()), "ReservationChanged", "AWAITING_APPROVAL");
        assertThat(clinicNotifications(coco.id())).isEqualTo(1);
        // Moved onto another day that needs approval: the clinic hears of it again.
        Reservation moved = new Reservation(coco.id(), coco.ownerName(), coco.phone(), coco.email(), coco.petName(),
                coco.vet(), coco.date().plusDays(1));
        UUID move = send(moved, "ReservationChanged", "AWAITING_APPROVAL");
        assertThat(clinicNotifications(coco.id())).isEqualTo(2);
        assertThat(db.count("SELECT count(*) FROM notification WHERE event_id = ?", move)).isEqualTo(2);
        // Approved, then moved onto a day that needs none: not the clinic's business.
        send(moved, "ReservationApproved", "RESERVED");
        send(new Reservation(coco.id(), coco.ownerName(), coco.phone(), coco.email(), coco.petName(), "Kim",
                coco.date()), "ReservationChanged", "RESERVED");
        assertThat(clinicNotifications(coco.id())).isEqualTo(2);
    }

    @Test
    void aReservationBookedWithoutApprovalTellsOnlyTheCustomer() {
        Reservation nabi = Reservation.of("Nabi", NotificationAccessTest.randomPhone(), null);
        send(nabi, "ReservationPlaced", "RESERVED");
        assertThat(clinicNotifications(nabi.id())).isZero();
    }

    @Test
    void theSameEventDeliveredTwiceTellsTheClinicOnce() {
        Reservation dubu = Reservation.of("Dubu", NotificationAccessTest.randomPhone(), null);
        UUID eventId = UUID.randomUUID();
        String event = Events.reservationEvent(eventId, "ReservationPlaced", dubu, "AWAITING_APPROVAL", null);
        kafka.send("reservation-events", dubu.key(), event);
        kafka.send("reservation-events", dubu.key(), event);
        await().atMost(WAIT).until(() -> db.count("SELECT count(*) FROM processed_event WHERE event_id = ?", eventId) == 1);
        // A third event after both: once it is applied, the duplicate has been read and skipped.
        send(dubu, "ReservationApproved", "RESERVED");
        assertThat(clinicNotifications(dubu.id())).isEqualTo(1);
    }

    /** Sends the event and waits until the customer's notification of it is stored (the clinic's is in the same transaction). */
    private static UUID send(Reservation r, String type, String status) {
        UUID eventId = UUID.randomUUID();
        kafka.send("reservation-events", r.key(), Events.reservationEvent(eventId, type, r, status, null));
        await().atMost(WAIT).until(() -> db.count(
                "SELECT count(*) FROM notification WHERE event_id = ? AND audience = 'CUSTOMER'", eventId) == 1);
        return eventId;
    }

    private static long clinicNotifications(UUID reservationId) {
        return db.count("SELECT count(*) FROM notification WHERE reservation_id = ? AND audience = 'CLINIC'",
                reservationId);
    }

    private io.restassured.specification.RequestSpecification staff() {
        return given().auth().oauth2(identity.staff());
    }
}
