package io.animalhospital.reservation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;

import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.animalhospital.infra.TestDatabase;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;

/**
 * An {@code Idempotency-Key} makes a retried placement answer the first one (same status, Location and reservation)
 * instead of booking twice, also when the retries race; the same key for another placement is refused; a placement
 * that failed keeps nothing, so its key may be used again. Keys are each customer's own.
 */
@QuarkusTest
class IdempotentPlacementTest {

    private static TestDatabase db;

    @TestHTTPResource("/reservations")
    URL reservations;

    private String phone;

    @BeforeAll
    static void connect() {
        db = new TestDatabase(ConfigProvider.getConfig().getValue("quarkus.datasource.jdbc.url", String.class));
    }

    @BeforeEach
    void diagnosisUp() {
        DiagnosisService.ensureRunning();
        phone = Api.newPhone();
    }

    @Test
    void aRetryAfterALostAnswerBooksOnce() throws IOException {
        String scheduleId = DiagnosisService.newSchedule("Dr. Retry", 5, false);
        String key = UUID.randomUUID().toString();

        // The customer sends and hangs up at once: whatever happened, the answer is lost to them.
        try (Socket socket = new Socket(reservations.getHost(), reservations.getPort())) {
            String body = Api.placement(scheduleId);
            OutputStream out = socket.getOutputStream();
            out.write(("POST " + reservations.getPath() + " HTTP/1.1\r\nHost: " + reservations.getHost() + "\r\n"
                    + "Authorization: Bearer " + Api.identity().customer(phone) + "\r\nIdempotency-Key: " + key + "\r\n"
                    + "Content-Type: application/json\r\n"
                    + "Content-Length: " + body.getBytes(StandardCharsets.UTF_8).length
                    + "\r\n\r\n" + body).getBytes(StandardCharsets.UTF_8));
            out.flush();
            // hung up once the placement has begun (its key is claimed), before it answers
            await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(20)).until(() -> db.count(
                    "SELECT count(*) FROM placement_key WHERE owner_phone = ?", phone) == 1);
        }
        // The retry: while the first is still under way it is asked to wait (409 + Retry-After), then it is answered
        // with the first placement's reservation.
        Response retry = await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200))
                .until(() -> place(phone, scheduleId, key), r -> r.statusCode() != 409);
        retry.then().statusCode(201).header("Idempotent-Replayed", "true").body("status", equalTo("RESERVED"));
        String id = retry.path("id");
        assertThat(retry.header("Location")).endsWith("/reservations/" + id);

        Response again = place(phone, scheduleId, key);
        again.then().statusCode(201).header("Idempotent-Replayed", "true").body("id", equalTo(id));
        assertThat(again.header("Location")).isEqualTo(retry.header("Location"));
        assertThat(db.count("SELECT count(*) FROM reservation WHERE phone = ?", phone)).isEqualTo(1);
        assertThat(DiagnosisService.booked(scheduleId)).isEqualTo(1);
        assertThat(DiagnosisService.appointmentsOn(scheduleId)).containsExactly(id);
    }

    @Test
    void theFirstAnswerIsGivenAgainAndNothingMoreIsBooked() {
        String scheduleId = DiagnosisService.newSchedule("Dr. Again", 5, false);
        String key = UUID.randomUUID().toString();
        Response first = place(phone, scheduleId, key);
        first.then().statusCode(201).header("Idempotent-Replayed", nullValue());
        Response second = place(phone, scheduleId, key);
        second.then().statusCode(201).header("Idempotent-Replayed", "true")
                .body("id", equalTo(first.path("id"))).body("petName", equalTo("Bori"));
        assertThat(second.header("Location")).isEqualTo(first.header("Location"));
        assertThat(DiagnosisService.booked(scheduleId)).isEqualTo(1);
        // a placement without a key is a new one
        ReservationFlowTest.place(scheduleId, phone).then().statusCode(201);
        assertThat(DiagnosisService.booked(scheduleId)).isEqualTo(2);
    }

    @Test
    void concurrentRetriesWithOneKeyBookOneSeat() throws Exception {
        // One seat: a second booking would be refused as full, not answered with the first reservation.
        String scheduleId = DiagnosisService.newSchedule("Dr. Race", 1, false);
        String key = UUID.randomUUID().toString();
        ExecutorService pool = Executors.newFixedThreadPool(8);
        List<Future<Response>> answers = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            answers.add(pool.submit(() -> place(phone, scheduleId, key)));
        }
        List<Integer> statuses = new ArrayList<>();
        List<String> ids = new ArrayList<>();
        for (Future<Response> answer : answers) {
            Response response = answer.get();
            statuses.add(response.statusCode());
            if (response.statusCode() == 201) {
                ids.add(response.path("id"));
            } else {
                response.then().statusCode(409).header("Retry-After", "1")
                        .body("type", equalTo("https://animal-hospital.example/problems/placement-in-progress"));
            }
        }
        pool.shutdown();
        assertThat(statuses).as("every answer: %s", statuses).contains(201);
        assertThat(ids).as("every answer: %s", statuses).containsOnly(ids.get(0));
        assertThat(db.count("SELECT count(*) FROM reservation WHERE phone = ?", phone)).isEqualTo(1);
        assertThat(DiagnosisService.booked(scheduleId)).isEqualTo(1);
        assertThat(DiagnosisService.appointmentsOn(scheduleId)).containsExactly(ids.get(0));
        place(phone, scheduleId, key).then().statusCode(201).body("id", equalTo(ids.get(0)));
    }

    @Test
    void aKeyUsedForAnotherPlacementIsRefused() {
        String scheduleId = DiagnosisService.newSchedule("Dr. Reuse", 5, false);
        String key = UUID.randomUUID().toString();
        place(phone, scheduleId, key).then().statusCode(201);
        Api.customer(phone).header("Idempotency-Key", key).contentType(ContentType.JSON)
                .body(Api.placement(scheduleId).replace("\"Bori\"", "\"Nabi\"")).post("/reservations")
                .then().statusCode(422).contentType(startsWith("application/problem+json"))
                .body("type", equalTo("https://animal-hospital.example/problems/idempotency-key-reused"));
        assertThat(DiagnosisService.booked(scheduleId)).isEqualTo(1);
    }

    @Test
    void keysAreEachCustomersOwn() {
        String scheduleId = DiagnosisService.newSchedule("Dr. Keys", 5, false);
        String key = UUID.randomUUID().toString();
        String mine = place(phone, scheduleId, key).then().statusCode(201).extract().path("id");
        String theirs = place(Api.newPhone(), scheduleId, key).then().statusCode(201)
                .header("Idempotent-Replayed", nullValue()).extract().path("id");
        assertThat(theirs).isNotEqualTo(mine);
        assertThat(DiagnosisService.booked(scheduleId)).isEqualTo(2);
    }

    @Test
    void aFailedPlacementKeepsNothingAndItsKeyMayBeUsedAgain() {
        String scheduleId = DiagnosisService.newSchedule("Dr. Full", 1, false);
        String someoneElse = Api.newPhone();
        String taken = ReservationFlowTest.place(scheduleId, someoneElse).then().statusCode(201).extract().path("id");
        String key = UUID.randomUUID().toString();
        place(phone, scheduleId, key).then().statusCode(409)
                .body("type", equalTo("https://animal-hospital.example/problems/schedule-full"));
        place(phone, scheduleId, key).then().statusCode(409)
                .body("type", equalTo("https://animal-hospital.example/problems/schedule-full"));
        assertThat(db.count("SELECT count(*) FROM placement_key WHERE owner_phone = ?", phone)).isZero();

        Api.customer(someoneElse).delete("/reservations/" + taken).then().statusCode(200);
        Response placed = await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(500))
                .until(() -> place(phone, scheduleId, key), r -> r.statusCode() == 201);
        placed.then().header("Idempotent-Replayed", nullValue());
        assertThat(db.count("SELECT count(*) FROM reservation WHERE phone = ?", phone)).isEqualTo(1);
    }

    @Test
    void aKeyMustBeSensible() {
        String scheduleId = DiagnosisService.newSchedule("Dr. Sensible", 5, false);
        place(phone, scheduleId, "k".repeat(256)).then().statusCode(400)
                .contentType(startsWith("application/problem+json"));
        assertThat(DiagnosisService.booked(scheduleId)).isZero();
    }

    private static Response place(String phone, String scheduleId, String key) {
        return Api.placing(phone, scheduleId).header("Idempotency-Key", key).post("/reservations");
    }
}
