package io.animalhospital.reservation;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.animalhospital.infra.MetricsCatalog;
import io.animalhospital.infra.TestDatabase;
import io.animalhospital.infra.TestKafka;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;

/** Every flow between reservation-service and the real diagnosis-service, through REST and the broker. */
@QuarkusTest
class ReservationFlowTest {

    private static TestKafka kafka;
    private static TestKafka.Reader events;
    private static TestDatabase db;

    @BeforeAll
    static void connect() {
        kafka = new TestKafka(ConfigProvider.getConfig().getValue("kafka.bootstrap.servers", String.class));
        events = kafka.reader("reservation-events");
        db = new TestDatabase(ConfigProvider.getConfig().getValue("quarkus.datasource.jdbc.url", String.class));
    }

    @AfterAll
    static void close() {
        events.close();
        kafka.close();
    }

    @BeforeEach
    void diagnosisUp() {
        DiagnosisService.ensureRunning();
    }

    /** A placement by the customer whose account carries {@code phone}. */
    static Response place(String scheduleId, String phone) {
        return Api.placing(phone, scheduleId).post("/reservations");
    }

    private static String status(String id) {
        return Api.staff().get("/reservations/" + id).then().statusCode(200).extract().path("status");
    }

    private static List<String> eventTypes(String reservationId) {
        return events.matching(r -> reservationId.equals(r.key())).stream()
                .map(r -> TestKafka.Reader.headers(r).get("ce_type")).toList();
    }

    @Test
    void placeGetListChangeAndCancel() {
        String scheduleId = DiagnosisService.newSchedule("Dr. Park", 3, false);
        String phone = "010-" + (1000 + (int) (Math.random() * 8999)) + "-0001";
        String id = place(scheduleId, phone).then().statusCode(201)
                .header("Location", startsWith("http"))
                .body("status", equalTo("RESERVED")).body("vet", equalTo("Dr. Park"))
                .body("scheduleId", equalTo(scheduleId)).body("petName", equalTo("Bori"))
                .extract().path("id");
        assertThat(DiagnosisService.booked(scheduleId)).isEqualTo(1);
        Api.customer(phone).get("/reservations/" + id).then().statusCode(200).body("ownerName", equalTo("Kim Minji"))
                .body("phone", equalTo(phone));
        Api.customer(phone).get("/reservations").then().statusCode(200).body("id", hasItem(id));
        Api.staff().queryParam("phone", phone).get("/reservations").then().statusCode(200).body("id", hasItem(id));

        Api.customer(phone).contentType(ContentType.JSON).body("{\"email\":\"new@example.com\"}")
                .patch("/reservations/" + id)
                .then().statusCode(200).body("email", equalTo("new@example.com")).body("status", equalTo("RESERVED"));

        Api.customer(phone).delete("/reservations/" + id).then().statusCode(200).body("status", equalTo("CANCELLED"));
        await().atMost(Duration.ofSeconds(30)).until(() -> DiagnosisService.booked(scheduleId) == 0);
        assertThat(DiagnosisService.appointmentStatus(id)).isEqualTo("CANCELLED");

        await().atMost(Duration.ofSeconds(20)).until(() -> eventTypes(id),
                types -> types.equals(List.of("ReservationPlaced", "ReservationChanged", "ReservationCancelled")));
        ConsumerRecord<String, String> placed = events.matching(r -> id.equals(r.key())).get(0);
        assertThat(TestKafka.Reader.headers(placed)).containsEntry("ce_subject", id)
                .containsEntry("ce_source", "/reservation-service").containsKeys("ce_id", "ce_time", "ce_specversion");
        assertThat(placed.value().replace(" ", "")).contains("\"reservationId\":\"" + id + "\"", "\"eventId\"",
                "\"occurredAt\"", "\"type\":\"ReservationPlaced\"", "\"phone\":\"" + phone + "\"");
    }

    @Test
    void movingIsAllOrNothing() {
        String from = DiagnosisService.newSchedule("Dr. From", 2, false);
        String full = DiagnosisService.newSchedule("Dr. Full", 1, false);
        String to = DiagnosisService.newSchedule("Dr. To", 2, false);
        String owner = "010-2222-0002";
        String id = place(from, owner).then().statusCode(201).extract().path("id");
        place(full, "010-2222-0003").then().statusCode(201);

        Api.customer(owner).contentType(ContentType.JSON)
                .body("{\"scheduleId\":\"" + full + "\",\"petName\":\"Nabi\"}")
                .patch("/reservations/" + id).then().statusCode(409).contentType(startsWith("application/problem+json"));
        Api.customer(owner).get("/reservations/" + id).then().body("scheduleId", equalTo(from))
                .body("petName", equalTo("Bori"));
        assertThat(DiagnosisService.booked(from)).isEqualTo(1);

        Api.customer(owner).contentType(ContentType.JSON).body("{\"scheduleId\":\"" + to + "\"}")
                .patch("/reservations/" + id)
                .then().statusCode(200).body("scheduleId", equalTo(to)).body("vet", equalTo("Dr. To"));
        assertThat(DiagnosisService.booked(from)).isZero();
        assertThat(DiagnosisService.booked(to)).isEqualTo(1);
    }

    @Test
    void clinicDecisionsReachTheReservation() {
        String approval = DiagnosisService.newSchedule("Dr. Approve", 3, true);
        String approved = place(approval, "010-3333-0001").then().statusCode(201)
                .body("status", equalTo("AWAITING_APPROVAL")).extract().path("id");
        String declined = place(approval, "010-3333-0002").then().statusCode(201).extract().path("id");
        DiagnosisService.clinic().post("/appointments/" + approved + "/approve").then().statusCode(200);
        DiagnosisService.clinic().contentType(ContentType.JSON).body("{\"reason\":\"fully booked vet\"}")
                .post("/appointments/" + declined + "/decline").then().statusCode(200);
        await().atMost(Duration.ofSeconds(30)).until(() -> status(approved).equals("RESERVED"));
        await().atMost(Duration.ofSeconds(30)).until(() -> status(declined).equals("CANCELLED_BY_CLINIC"));
        Api.staff().get("/reservations/" + declined).then().body("cancelReason", equalTo("DECLINED"));

        DiagnosisService.clinic().contentType(ContentType.JSON)
                .body("{\"doctor\":\"Dr. Approve\",\"medicalOpinion\":\"sprain\",\"treatment\":\"bandage\","
                        + "\"prescription\":\"rest\",\"items\":[{\"code\":\"XRAY\",\"quantity\":1}]}")
                .post("/appointments/" + approved + "/treatment").then().statusCode(200);
        await().atMost(Duration.ofSeconds(30)).until(() -> status(approved).equals("TREATED"));
        Api.customer("010-3333-0001").delete("/reservations/" + approved).then().statusCode(409)
                .contentType(startsWith("application/problem+json"));

        String withdrawn = DiagnosisService.newSchedule("Dr. Gone", 2, false);
        String victim = place(withdrawn, "010-3333-0003").then().statusCode(201).extract().path("id");
        DiagnosisService.clinic().delete("/schedules/" + withdrawn).then().statusCode(200);
        await().atMost(Duration.ofSeconds(30)).until(() -> status(victim).equals("CANCELLED_BY_CLINIC"));
        Api.staff().get("/reservations/" + victim).then().body("cancelReason", equalTo("SCHEDULE_WITHDRAWN"));

        await().atMost(Duration.ofSeconds(20)).until(() -> eventTypes(approved),
                types -> types.equals(List.of("ReservationPlaced", "ReservationApproved", "ReservationTreated")));
        await().atMost(Duration.ofSeconds(20)).until(() -> eventTypes(victim),
                types -> types.equals(List.of("ReservationPlaced", "ReservationCancelled")));
    }

    @Test
    void fiftyConcurrentPlacementsOnFiveSeats() throws Exception {
        String scheduleId = DiagnosisService.newSchedule("Dr. Busy", 5, false);
        double placedBefore = placements("201");
        double fullBefore = placements("409");
        ExecutorService pool = Executors.newFixedThreadPool(50);
        List<Future<Integer>> answers = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            String phone = String.format("010-5555-%04d", i);
            answers.add(pool.submit(() -> place(scheduleId, phone).statusCode()));
        }
        List<Integer> statuses = new ArrayList<>();
        for (Future<Integer> answer : answers) {
            statuses.add(answer.get());
        }
        pool.shutdown();
        assertThat(statuses).as("every answer: %s", statuses).filteredOn(s -> s == 201).hasSize(5);
        assertThat(statuses).as("every answer: %s", statuses).filteredOn(s -> s == 409).hasSize(45);
        // What the dashboard's "placements by outcome" shows: each answer counted once, by its status.
        assertThat(placements("201") - placedBefore).isEqualTo(5.0);
        assertThat(placements("409") - fullBefore).isEqualTo(45.0);
        assertThat(DiagnosisService.booked(scheduleId)).isEqualTo(5);
        assertThat(db.count("SELECT count(*) FROM reservation WHERE schedule_id = ?", UUID.fromString(scheduleId)))
                .isEqualTo(5);
    }

    /** {@code reservation_placements_total{status}} now (0 when that status was never counted). */
    static double placements(String status) {
        String scrape = given().get("/q/metrics").then().statusCode(200).extract().asString();
        Double value = MetricsCatalog.value(scrape, "reservation_placements_total", java.util.Map.of("status", status));
        return value == null ? 0 : value;
    }

    @Test
    void badInputIsAPreciseClientErrorAndWritesNothing() {
        long before = db.count("SELECT count(*) FROM reservation");
        place(UUID.randomUUID().toString(), "010-4444-0001").then().statusCode(404)
                .contentType(startsWith("application/problem+json"));
        String scheduleId = DiagnosisService.newSchedule("Dr. Strict", 1, false);
        post("{\"scheduleId\":\"" + scheduleId + "\"}", 400);
        // The phone is the customer's own: a body that names one is refused, whatever it says.
        post("{\"scheduleId\":\"" + scheduleId + "\",\"ownerName\":\"A\",\"phone\":\"010-4444-0001\",\"petName\":\"B\","
                + "\"species\":\"cat\"}", 400);
        post("{\"scheduleId\":\"" + scheduleId + "\",\"ownerName\":\"A\",\"petName\":\"B\","
                + "\"species\":\"cat\",\"colour\":\"red\"}", 400);
        post("{\"scheduleId\":\"nope\",\"ownerName\":\"A\",\"petName\":\"B\",\"species\":\"cat\"}", 400);
        post("{\"scheduleId\":", 400);
        post("{\"ownerName\":\"" + "x".repeat(70 * 1024) + "\"}", 413);
        assertThat(db.count("SELECT count(*) FROM reservation")).isEqualTo(before);
        assertThat(DiagnosisService.booked(scheduleId)).isZero();
        Api.staff().get("/reservations/" + UUID.randomUUID()).then().statusCode(404).body("status", equalTo(404));
        Api.customer("010-4444-0001").delete("/reservations/" + UUID.randomUUID()).then().statusCode(404);
        // Staff's work list needs no filter; a page beyond the bound is refused.
        Api.staff().get("/reservations?size=101").then().statusCode(400);
        Api.staff().get("/reservations/" + UUID.randomUUID()).then().body("detail", startsWith("No reservation"))
                .body("violations", nullValue());
    }

    private static void post(String body, int status) {
        var response = Api.customer("010-4444-0001").contentType(ContentType.JSON).body(body).post("/reservations")
                .then().statusCode(status);
        if (status == 400) {
            response.contentType(startsWith("application/problem+json"));
        }
    }
}
