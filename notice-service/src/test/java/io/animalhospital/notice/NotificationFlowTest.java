package io.animalhospital.notice;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.animalhospital.infra.TestDatabase;
import io.animalhospital.infra.TestKafka;
import io.animalhospital.notice.Events.Reservation;
import io.quarkus.test.junit.QuarkusTest;

/** The default set-up (log channel, Korean): events in, one stored and delivered notification each, API out. */
@QuarkusTest
class NotificationFlowTest {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static TestKafka kafka;
    private static TestDatabase db;
    private static TestKafka.Reader noticeEvents;

    @BeforeAll
    static void connect() {
        kafka = new TestKafka(ConfigProvider.getConfig().getValue("kafka.bootstrap.servers", String.class));
        db = new TestDatabase(ConfigProvider.getConfig().getValue("quarkus.datasource.jdbc.url", String.class));
        noticeEvents = kafka.reader("notice-events");
    }

    @AfterAll
    static void close() {
        noticeEvents.close();
        kafka.close();
    }

    @Test
    void anEventDeliveredTwiceGetsOneNotificationAndOneNotificationSent() {
        Reservation coco = Reservation.of("Coco", "010-1234-0001", null);
        UUID placed = UUID.randomUUID();
        String event = Events.reservationEvent(placed, "ReservationPlaced", coco, "RESERVED", null);
        kafka.send("reservation-events", coco.key(), event);
        kafka.send("reservation-events", coco.key(), event);
        UUID approved = UUID.randomUUID();
        kafka.send("reservation-events", coco.key(),
                Events.reservationEvent(approved, "ReservationApproved", coco, "RESERVED", null));

        await().atMost(WAIT).until(() -> sent(coco.id()) == 2);
        List<Map<String, Object>> rows = db.query("SELECT * FROM notification WHERE event_id = ?", placed);
        assertThat(rows).hasSize(1);
        Map<String, Object> n = rows.get(0);
        assertThat(n).containsEntry("recipient", "010-1234-0001").containsEntry("channel", "LOG")
                .containsEntry("status", "SENT").containsEntry("attempts", 1).containsEntry("event_type", "ReservationPlaced");
        assertThat((String) n.get("message")).isEqualTo("[동물병원] Coco 진료 예약이 완료되었습니다(2031년 5월 4일 Park 선생님).");
        assertThat(n.get("sent_at")).isNotNull();

        // Its NotificationSent went out once through the outbox, keyed and headed like every event.
        UUID notificationId = (UUID) n.get("id");
        await().atMost(WAIT).until(() -> noticeEventsOf(coco.id()).size() == 2);
        List<ConsumerRecord<String, String>> sentEvents = noticeEventsOf(coco.id()).stream()
                .filter(r -> json(r).path("notificationId").asText().equals(notificationId.toString())).toList();
        assertThat(sentEvents).hasSize(1);
        JsonNode body = json(sentEvents.get(0));
        assertThat(body.path("type").asText()).isEqualTo("NotificationSent");
        assertThat(body.path("sourceEventId").asText()).isEqualTo(placed.toString());
        assertThat(body.path("sourceEventType").asText()).isEqualTo("ReservationPlaced");
        assertThat(body.path("recipient").asText()).isEqualTo("010-1234-0001");
        assertThat(body.path("channel").asText()).isEqualTo("log");
        assertThat(body.path("status").asText()).isEqualTo("SENT");
        assertThat(body.path("attempts").asInt()).isEqualTo(1);
        assertThat(body.path("message").asText()).contains("Coco");
        Map<String, String> headers = TestKafka.Reader.headers(sentEvents.get(0));
        assertThat(headers).containsEntry("ce_type", "NotificationSent").containsEntry("ce_subject", coco.key())
                .containsEntry("ce_source", "/notice-service").containsKey("ce_id");

        given().get("/q/metrics").then().statusCode(200)
                .body(containsString("notice_delivery_attempts_total{channel=\"log\",outcome=\"sent\""));
    }

    @Test
    void everyStatusChangeGetsAMessageSayingWhatChanged() {
        Reservation bori = Reservation.of("Bori", "010-1234-0002", "bori@example.com");
        send(bori, "ReservationPlaced", "AWAITING_APPROVAL", null);
        send(bori, "ReservationApproved", "RESERVED", null);
        send(bori, "ReservationChanged", "RESERVED", null);
        send(bori, "ReservationTreated", "TREATED", null);
        Reservation nabi = Reservation.of("Nabi", "010-1234-0003", null);
        send(nabi, "ReservationPlaced", "RESERVED", null);
        send(nabi, "ReservationCancelled", "CANCELLED_BY_CLINIC", "SCHEDULE_WITHDRAWN");

        await().atMost(WAIT).until(() -> sent(bori.id()) == 4 && sent(nabi.id()) == 2);
        assertThat(messages(bori.id())).containsExactly(
                "[동물병원] Bori 진료 예약 신청을 받았습니다(2031년 5월 4일 Park 선생님). 병원에서 확인 후 다시 알려드릴게요.",
                "[동물병원] Bori 진료 예약이 확정되었습니다(2031년 5월 4일 Park 선생님).",
                "[동물병원] Bori 예약이 변경되었습니다(2031년 5월 4일 Park 선생님).",
                "[동물병원] Bori 진료가 완료되었습니다. 곧 진료비 청구서를 보내드립니다.");
        assertThat(messages(nabi.id()).get(1))
                .isEqualTo("[동물병원] 죄송합니다. 2031년 5월 4일 Park 선생님 진료 일정이 취소되어 Nabi 예약이 취소되었습니다. 다른 시간으로 예약해 주세요.");
        // The log channel speaks to the phone, e-mail address or not.
        assertThat(db.count("SELECT count(*) FROM notification WHERE reservation_id = ? AND recipient = '010-1234-0002'",
                bori.id())).isEqualTo(4);
    }

    @Test
    void aBillWhoseContactIsNotKnownYetWaitsForItAndIsThenDelivered() {
        Reservation dubu = Reservation.of("Dubu", "010-1234-0004", null);
        UUID issued = UUID.randomUUID();
        UUID paid = UUID.randomUUID();
        // Billing's events overtook reservation-events (another topic): no contact yet.
        kafka.send("billing-events", dubu.key(), Events.billIssued(issued, dubu.id(), 35000));
        kafka.send("billing-events", dubu.key(), Events.billPaid(paid, dubu.id(), 35000, "CARD"));
        await().atMost(WAIT).until(() -> db.count("SELECT count(*) FROM notification WHERE reservation_id = ?",
                dubu.id()) == 2);
        Access.asStaff().queryParam("reservationId", dubu.key()).get("/notifications").then().statusCode(200)
                .body("status", everyItem(equalTo("PENDING")))
                .body("recipient", everyItem(nullValue()))
                .body("attempts", everyItem(equalTo(0)));

        send(dubu, "ReservationTreated", "TREATED", null);

        await().atMost(WAIT).until(() -> sent(dubu.id()) == 3);
        assertThat(db.query("SELECT message FROM notification WHERE event_id = ?", issued).get(0).get("message"))
                .isEqualTo("[동물병원] Dubu 진료비는 35,000원입니다. 접수처에서 결제하실 수 있습니다.");
        assertThat(db.query("SELECT message FROM notification WHERE event_id = ?", paid).get(0).get("message"))
                .isEqualTo("[동물병원] 35,000원 결제가 완료되었습니다(카드). 감사합니다.");
        assertThat(db.count("SELECT count(*) FROM notification WHERE reservation_id = ? AND recipient = '010-1234-0004'"
                + " AND pending_event IS NULL", dubu.id())).isEqualTo(3);
    }

    @Test
    void aBillOfAKnownContactIsDeliveredAtOnce() {
        Reservation hodu = Reservation.of("Hodu", "010-1234-0005", null);
        send(hodu, "ReservationPlaced", "RESERVED", null);
        await().atMost(WAIT).until(() -> sent(hodu.id()) == 1);
        kafka.send("billing-events", hodu.key(), Events.billIssued(UUID.randomUUID(), hodu.id(), 1200000));
        await().atMost(WAIT).until(() -> sent(hodu.id()) == 2);
        assertThat(messages(hodu.id()).get(1)).isEqualTo("[동물병원] Hodu 진료비는 1,200,000원입니다. 접수처에서 결제하실 수 있습니다.");
    }

    @Test
    void unknownEventTypesAreRecordedAndSkipped() {
        Reservation kong = Reservation.of("Kong", "010-1234-0006", null);
        UUID unknown = UUID.randomUUID();
        kafka.send("reservation-events", kong.key(),
                Events.unknownReservationEvent(unknown, "ReservationArchived", kong));
        kafka.send("billing-events", kong.key(), "{\"eventId\":\"" + UUID.randomUUID()
                + "\",\"type\":\"BillVoided\",\"occurredAt\":\"2031-01-01T00:00:00Z\",\"reservationId\":\"" + kong.id() + "\"}");
        send(kong, "ReservationPlaced", "RESERVED", null);

        await().atMost(WAIT).until(() -> sent(kong.id()) == 1);
        assertThat(db.count("SELECT count(*) FROM processed_event WHERE event_id = ?", unknown)).isEqualTo(1);
        assertThat(db.count("SELECT count(*) FROM notification WHERE reservation_id = ?", kong.id())).isEqualTo(1);
    }

    @Test
    void notificationsAreFoundByReservationAndByRecipient() {
        Reservation tori = Reservation.of("Tori", "010-1234-0007", null);
        send(tori, "ReservationPlaced", "RESERVED", null);
        send(tori, "ReservationCancelled", "CANCELLED", "CUSTOMER");
        await().atMost(WAIT).until(() -> sent(tori.id()) == 2);

        Access.asStaff().queryParam("reservationId", tori.key()).get("/notifications").then()
                .statusCode(200)
                .body("", hasSize(2))
                .body("[0].eventType", equalTo("ReservationPlaced"))
                .body("[1].eventType", equalTo("ReservationCancelled"))
                .body("[1].message", equalTo("[동물병원] 요청하신 대로 2031년 5월 4일 Tori 진료 예약을 취소했습니다."))
                .body("[0].reservationId", equalTo(tori.key()))
                .body("[0].recipient", equalTo("010-1234-0007"))
                .body("[0].channel", equalTo("log"))
                .body("[0].status", equalTo("SENT"))
                .body("[0].attempts", equalTo(1))
                .body("[0].lastError", nullValue())
                .body("[0].sentAt", containsString("T"))
                .body("[0].id", containsString("-"))
                .body("[0].eventId", containsString("-"));
        Access.asStaff().queryParam("recipient", "010-1234-0007").get("/notifications").then()
                .statusCode(200).body("", hasSize(2)).body("reservationId", everyItem(equalTo(tori.key())));
        Access.asStaff().queryParam("recipient", "010-0000-0000").get("/notifications").then()
                .statusCode(200).body("", empty());
        Access.asStaff().queryParam("reservationId", UUID.randomUUID().toString()).get("/notifications").then()
                .statusCode(200).body("", empty());
        Access.asStaff().queryParam("reservationId", tori.key()).queryParam("recipient", "010-1234-0007")
                .get("/notifications").then().statusCode(200).body("", hasSize(2));
    }

    @Test
    void aQueryWithABadCriterionIsA400Problem() {
        // Without a criterion (a blank one is none), staff get the whole list, one page at a time (issue 18).
        Access.asStaff().get("/notifications").then().statusCode(200).header("X-Total-Count", notNullValue());
        Access.asStaff().queryParam("recipient", " ").get("/notifications").then().statusCode(200);
        Access.asStaff().queryParam("reservationId", "not-a-uuid").get("/notifications").then()
                .statusCode(400).contentType("application/problem+json")
                .body("title", equalTo("Invalid value")).body("detail", containsString("not-a-uuid"));
    }

    /**
     * A round's outcomes are recorded together; one that cannot be recorded (its NotificationSent is refused by a
     * trigger) must not take the others of its round down with it: they are recorded one at a time then.
     */
    @Test
    void aNotificationThatCannotBeRecordedLeavesTheOthersOfItsRoundRecorded() {
        UUID refused = UUID.randomUUID();
        UUID other = UUID.randomUUID();
        db.execute("CREATE FUNCTION refuse_outbox_test() RETURNS trigger LANGUAGE plpgsql AS $$"
                + " BEGIN RAISE EXCEPTION 'refused by the test'; END $$",
                "CREATE TRIGGER refuse_outbox_test BEFORE INSERT ON outbox_event FOR EACH ROW"
                        + " WHEN (NEW.record_key = '" + refused + "') EXECUTE FUNCTION refuse_outbox_test()");
        try {
            // Both due in one commit, as a consumer would store them: the delivery timer claims them in one round.
            db.execute("INSERT INTO notification (id, event_id, event_type, reservation_id, recipient, phone, channel,"
                    + " language, message, status, attempts, next_attempt_at, created_at) VALUES "
                    + due(refused) + ", " + due(other));
            await().atMost(WAIT).until(() -> sent(other) == 1);
            assertThat(db.query("SELECT status, attempts FROM notification WHERE reservation_id = ?", refused))
                    .containsExactly(Map.of("status", "PENDING", "attempts", 0));
            await().atMost(WAIT).until(() -> noticeEventsOf(other).size() == 1);
            assertThat(noticeEventsOf(refused)).isEmpty();
        } finally {
            db.execute("DROP TRIGGER refuse_outbox_test ON outbox_event", "DROP FUNCTION refuse_outbox_test()");
        }
    }

    private static String due(UUID reservationId) {
        return "('" + UUID.randomUUID() + "', '" + UUID.randomUUID() + "', 'ReservationPlaced', '" + reservationId
                + "', '010-1234-0099', '010-1234-0099', 'LOG', 'KO', 'test message', 'PENDING', 0, now(), now())";
    }

    private static void send(Reservation r, String type, String status, String reason) {
        kafka.send("reservation-events", r.key(), Events.reservationEvent(UUID.randomUUID(), type, r, status, reason));
    }

    private static long sent(UUID reservationId) {
        return db.count("SELECT count(*) FROM notification WHERE reservation_id = ? AND status = 'SENT'"
                + " AND audience = 'CUSTOMER'", reservationId);
    }

    private static List<String> messages(UUID reservationId) {
        return db.query("SELECT message FROM notification WHERE reservation_id = ? AND audience = 'CUSTOMER'"
                + " ORDER BY created_at, id", reservationId)
                .stream().map(row -> (String) row.get("message")).toList();
    }

    private static List<ConsumerRecord<String, String>> noticeEventsOf(UUID reservationId) {
        return noticeEvents.matching(r -> reservationId.toString().equals(r.key()));
    }

    private static JsonNode json(ConsumerRecord<String, String> record) {
        try {
            return JSON.readTree(record.value());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
