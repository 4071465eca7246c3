package io.animalhospital.diagnosis;

import static io.animalhospital.diagnosis.Api.asReservationService;
import static io.animalhospital.diagnosis.Api.asStaff;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.animalhospital.infra.TestDatabase;
import io.animalhospital.infra.TestKafka;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;

@QuarkusTest
class AppointmentFlowTest {

    private static TestKafka kafka;
    private static TestKafka.Reader events;
    private static TestDatabase db;

    @BeforeAll
    static void connect() {
        kafka = new TestKafka(ConfigProvider.getConfig().getValue("kafka.bootstrap.servers", String.class));
        events = kafka.reader("diagnosis-events");
        db = new TestDatabase(ConfigProvider.getConfig().getValue("quarkus.datasource.jdbc.url", String.class));
    }

    @AfterAll
    static void close() {
        events.close();
        kafka.close();
    }

    /** reservation-service's booking call, with its service account's token. */
    static Response book(UUID reservationId, String scheduleId) {
        return asReservationService().contentType(ContentType.JSON)
                .body("{\"reservationId\":\"" + reservationId + "\",\"scheduleId\":\"" + scheduleId
                        + "\",\"petName\":\"Bori\",\"reason\":\"vaccination\"}")
                .post("/appointments");
    }

    private static int booked(String scheduleId) {
        return given().get("/schedules/" + scheduleId).then().statusCode(200).extract().path("booked");
    }

    @Test
    void fiftyConcurrentBookingsOnFiveSeatsTakeExactlyFive() throws Exception {
        String scheduleId = ScheduleResourceTest.newSchedule("Dr. Rush", 5, false);
        ExecutorService pool = Executors.newFixedThreadPool(50);
        List<Future<Integer>> answers = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            Callable<Integer> call = () -> book(UUID.randomUUID(), scheduleId).statusCode();
            answers.add(pool.submit(call));
        }
        List<Integer> statuses = new ArrayList<>();
        for (Future<Integer> answer : answers) {
            statuses.add(answer.get());
        }
        pool.shutdown();
        assertThat(statuses).filteredOn(s -> s == 201).hasSize(5);
        assertThat(statuses).filteredOn(s -> s == 409).hasSize(45);
        assertThat(booked(scheduleId)).isEqualTo(5);
        assertThat(db.count("SELECT count(*) FROM appointment WHERE schedule_id = ?", UUID.fromString(scheduleId)))
                .isEqualTo(5);
    }

    @Test
    void bookingIsIdempotentPerReservation() {
        String scheduleId = ScheduleResourceTest.newSchedule("Dr. Twice", 2, false);
        UUID reservationId = UUID.randomUUID();
        book(reservationId, scheduleId).then().statusCode(201).body("status", equalTo("BOOKED"))
                .body("vet", equalTo("Dr. Twice"));
        book(reservationId, scheduleId).then().statusCode(200).body("reservationId", equalTo(reservationId.toString()));
        assertThat(booked(scheduleId)).isEqualTo(1);
        book(UUID.randomUUID(), UUID.randomUUID().toString()).then().statusCode(404)
                .contentType(startsWith("application/problem+json"));
    }

    @Test
    void moveIsAllOrNothing() {
        String from = ScheduleResourceTest.newSchedule("Dr. From", 2, false);
        String full = ScheduleResourceTest.newSchedule("Dr. Full", 1, false);
        String to = ScheduleResourceTest.newSchedule("Dr. To", 2, true);
        UUID reservationId = UUID.randomUUID();
        book(reservationId, from).then().statusCode(201);
        book(UUID.randomUUID(), full).then().statusCode(201);

        move(reservationId, full).then().statusCode(409);
        assertThat(booked(from)).isEqualTo(1);
        assertThat(booked(full)).isEqualTo(1);

        move(reservationId, to).then().statusCode(200).body("scheduleId", equalTo(to))
                .body("status", equalTo("AWAITING_APPROVAL"));
        assertThat(booked(from)).isZero();
        assertThat(booked(to)).isEqualTo(1);
    }

    @Test
    void approveThenTreatPublishesInOrder() {
        String scheduleId = ScheduleResourceTest.newSchedule("Dr. Approve", 2, true);
        UUID reservationId = UUID.randomUUID();
        book(reservationId, scheduleId).then().statusCode(201).body("status", equalTo("AWAITING_APPROVAL"));
        // Treating before approval is an invalid transition: 409 and no event.
        treat(reservationId).then().statusCode(409);
        asStaff().post("/appointments/" + reservationId + "/approve").then().statusCode(200)
                .body("status", equalTo("BOOKED"));
        asStaff().post("/appointments/" + reservationId + "/approve").then().statusCode(409);
        treat(reservationId).then().statusCode(200).body("status", equalTo("TREATED"))
                .body("medicalRecord.items[0].code", equalTo("VACCINE"));
        asStaff().contentType(ContentType.JSON).body("{\"reason\":\"too late\"}")
                .post("/appointments/" + reservationId + "/decline").then().statusCode(409);

        List<ConsumerRecord<String, String>> mine = await().atMost(Duration.ofSeconds(20))
                .until(() -> events.matching(r -> reservationId.toString().equals(r.key())), list -> list.size() >= 2);
        assertThat(mine).hasSize(2);
        assertThat(TestKafka.Reader.headers(mine.get(0))).containsEntry("ce_type", "AppointmentApproved")
                .containsEntry("ce_subject", reservationId.toString()).containsKeys("ce_id", "ce_source", "ce_time");
        assertThat(TestKafka.Reader.headers(mine.get(1))).containsEntry("ce_type", "Treated");
        assertThat(compact(mine.get(1).value())).contains("\"type\":\"Treated\"", "\"eventId\"", "\"occurredAt\"",
                "\"doctor\":\"Dr.Approve\"", "\"VACCINE\"");
    }

    @Test
    void declineAndWithdrawGiveSeatsBackAndAnnounceIt() {
        String scheduleId = ScheduleResourceTest.newSchedule("Dr. Withdraw", 3, false);
        UUID declined = UUID.randomUUID();
        UUID first = UUID.randomUUID();
        UUID second = UUID.randomUUID();
        for (UUID id : List.of(declined, first, second)) {
            book(id, scheduleId).then().statusCode(201);
        }
        asStaff().contentType(ContentType.JSON).body("{\"reason\":\"vet is ill\"}")
                .post("/appointments/" + declined + "/decline").then().statusCode(200).body("status", equalTo("CANCELLED"));
        assertThat(booked(scheduleId)).isEqualTo(2);

        asStaff().delete("/schedules/" + scheduleId).then().statusCode(200).body("withdrawn", equalTo(true));
        asStaff().get("/appointments/" + first).then().statusCode(200).body("status", equalTo("CANCELLED"))
                .body("cancelReason", equalTo("SCHEDULE_WITHDRAWN"));
        book(UUID.randomUUID(), scheduleId).then().statusCode(409);

        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            assertThat(events.matching(r -> r.key().equals(declined.toString())))
                    .anySatisfy(r -> assertThat(compact(r.value())).contains("\"reason\":\"DECLINED\"", "vetisill"));
            for (UUID id : List.of(first, second)) {
                assertThat(events.matching(r -> r.key().equals(id.toString())))
                        .anySatisfy(r -> assertThat(compact(r.value())).contains("AppointmentDeclined", "SCHEDULE_WITHDRAWN"));
            }
        });
    }

    @Test
    void customerCancellationReleasesTheSeatAndLateBookingsAreRefused() {
        String scheduleId = ScheduleResourceTest.newSchedule("Dr. Cancel", 1, false);
        UUID reservationId = UUID.randomUUID();
        book(reservationId, scheduleId).then().statusCode(201);
        kafka.send("reservation-events", reservationId.toString(),
                ReservationEventsFixture.cancelled(reservationId, "CUSTOMER"));
        await().atMost(Duration.ofSeconds(20)).until(() -> booked(scheduleId) == 0);
        asStaff().get("/appointments/" + reservationId).then().body("status", equalTo("CANCELLED"));

        // A booking whose answer was lost: the NOT_CONFIRMED cancellation may arrive before the booking commits.
        UUID lost = UUID.randomUUID();
        kafka.send("reservation-events", lost.toString(), ReservationEventsFixture.cancelled(lost, "NOT_CONFIRMED"));
        await().atMost(Duration.ofSeconds(20)).until(() ->
                db.count("SELECT count(*) FROM cancelled_reservation WHERE reservation_id = ?", lost) == 1);
        book(lost, scheduleId).then().statusCode(409);
        assertThat(booked(scheduleId)).isZero();
    }

    /**
     * The NOT_CONFIRMED cancellation of a placement whose answer was lost arrives while its booking is still in
     * flight: the booking has added the appointment, not yet committed, and waits for its schedule's row. Whichever
     * commits first, the seat comes back.
     */
    @Test
    void aCancellationThatArrivesWhileItsBookingCommitsStillGivesTheSeatBack() throws Exception {
        String scheduleId = ScheduleResourceTest.newSchedule("Dr. Race", 1, false);
        UUID reservationId = UUID.randomUUID();
        UUID cancellation = UUID.randomUUID();
        CompletableFuture<Integer> booking;
        try (AutoCloseable scheduleRow = db.lock("SELECT * FROM schedule WHERE id = ?::uuid FOR UPDATE", scheduleId)) {
            booking = CompletableFuture.supplyAsync(() -> book(reservationId, scheduleId).statusCode());
            await().atMost(Duration.ofSeconds(20)).until(() -> waitingForLocks() == 1);

            kafka.send("reservation-events", reservationId.toString(),
                    ReservationEventsFixture.cancelled(cancellation, reservationId, "NOT_CONFIRMED"));
            // The consumer has either applied it (not seeing the uncommitted appointment) or waits for the booking.
            await().atMost(Duration.ofSeconds(20)).until(() -> waitingForLocks() == 2
                    || db.count("SELECT count(*) FROM processed_event WHERE event_id = ?", cancellation) == 1);
        }

        assertThat(booking.get(20, TimeUnit.SECONDS)).isEqualTo(201);
        await().atMost(Duration.ofSeconds(20)).until(() -> booked(scheduleId) == 0);
        asStaff().get("/appointments/" + reservationId).then().body("status", equalTo("CANCELLED"));
    }

    /** Transactions of this service waiting for a lock another holds. */
    private static long waitingForLocks() {
        return db.count("SELECT count(*) FROM pg_stat_activity WHERE datname = current_database()"
                + " AND wait_event_type = 'Lock'");
    }

    @Test
    void invalidTreatmentIsRejectedAndChangesNothing() {
        String scheduleId = ScheduleResourceTest.newSchedule("Dr. Strict", 1, false);
        UUID reservationId = UUID.randomUUID();
        book(reservationId, scheduleId).then().statusCode(201);
        asStaff().contentType(ContentType.JSON).body("{\"doctor\":\"\",\"items\":[{\"code\":\"X\",\"quantity\":0}]}")
                .post("/appointments/" + reservationId + "/treatment").then().statusCode(400)
                .contentType(startsWith("application/problem+json"));
        asStaff().get("/appointments/" + reservationId).then().body("status", equalTo("BOOKED"));
        treat(UUID.randomUUID()).then().statusCode(404);
    }

    /** The outbox stores JSONB, which normalises spacing: compare without it. */
    private static String compact(String json) {
        return json.replace(" ", "");
    }

    static Response move(UUID reservationId, String scheduleId) {
        return asReservationService().contentType(ContentType.JSON).body("{\"scheduleId\":\"" + scheduleId + "\"}")
                .put("/appointments/" + reservationId + "/schedule");
    }

    static Response treat(UUID reservationId) {
        return asStaff().contentType(ContentType.JSON)
                .body("{\"doctor\":\"Dr. Approve\",\"medicalOpinion\":\"healthy\",\"treatment\":\"vaccinated\","
                        + "\"prescription\":\"rest\",\"items\":[{\"code\":\"VACCINE\",\"quantity\":1}]}")
                .post("/appointments/" + reservationId + "/treatment");
    }
}
