package io.animalhospital.reservation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.startsWith;

import java.time.Duration;
import java.util.List;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.animalhospital.infra.TestDatabase;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;

/**
 * Issue 17's hostile input against reservation-service, with real tokens: each gets a precise 4xx and nothing is
 * written or booked. Control characters, content after the document, a phone in a change, the days that have passed,
 * and the phone's many spellings being one customer; and SPEC §3's list of bad input still holds.
 */
@QuarkusTest
class HostileInputTest {

    private static final String PROBLEM = "application/problem+json";
    private static TestDatabase db;
    private static String bootstrapServers;

    private String scheduleId;
    private String phone;
    private long reservations;

    @BeforeAll
    static void connect() {
        db = new TestDatabase(ConfigProvider.getConfig().getValue("quarkus.datasource.jdbc.url", String.class));
        bootstrapServers = ConfigProvider.getConfig().getValue("kafka.bootstrap.servers", String.class);
    }

    @BeforeEach
    void aSchedule() {
        DiagnosisService.ensureRunning();
        scheduleId = DiagnosisService.newSchedule("Dr. Hostile", 5, false);
        phone = Api.newPhone();
        reservations = db.count("SELECT count(*) FROM reservation");
    }

    @Test
    void aControlCharacterInAnyTextIsRefusedNamingTheField() {
        for (String field : List.of("ownerName", "petName", "species", "reason", "email")) {
            String body = Api.placement(scheduleId)
                    .replaceFirst("\"" + field + "\":\"", "\"" + field + "\":\"A\\\\u0000");
            if (!body.contains("\\u0000")) {
                throw new AssertionError("no field " + field + " in " + body);
            }
            post(body).statusCode(400).contentType(startsWith(PROBLEM))
                    .body("violations[0].field", equalTo(field));
        }
        nothingWritten();
    }

    @Test
    void contentAfterTheDocumentIsRefused() {
        post(Api.placement(scheduleId) + " {\"scheduleId\":\"" + scheduleId + "\"}").statusCode(400)
                .contentType(startsWith(PROBLEM));
        post(Api.placement(scheduleId) + "x").statusCode(400).contentType(startsWith(PROBLEM));
        nothingWritten();
    }

    @Test
    void spec3BadInputStillHoldsWithTokens() {
        String good = Api.placement(scheduleId);
        post(good.replace("\"Kim Minji\"", "{\"first\":\"Kim\"}")).statusCode(400).body("violations[0].field",
                equalTo("ownerName"));
        post(good.replace("\"" + scheduleId + "\"", "42")).statusCode(400).body("violations[0].field",
                equalTo("scheduleId"));
        post(good.replace("\"Bori\"", "\"Bori\",\"colour\":\"red\"")).statusCode(400).body("violations[0].field",
                equalTo("colour"));
        post(good.replace("\"Kim Minji\"", "\"" + "K".repeat(101) + "\"")).statusCode(400)
                .body("violations[0].field", equalTo("ownerName"));
        post(good.replace("\"dog\"", "\"\"")).statusCode(400).body("violations[0].field", equalTo("species"));
        post(good.replace("\"minji@example.com\"", "\"not-an-address\"")).statusCode(400)
                .body("violations[0].field", equalTo("email"));
        post("{\"scheduleId\":\"" + scheduleId + "\"").statusCode(400);
        post("{\"ownerName\":\"" + "x".repeat(70 * 1024) + "\"}").statusCode(413).contentType(startsWith(PROBLEM));
        nothingWritten();

        String id = ReservationFlowTest.place(scheduleId, phone).then().statusCode(201).extract().path("id");
        Api.customer(phone).get("/reservations/" + UUID.randomUUID()).then().statusCode(404)
                .contentType(startsWith(PROBLEM));
        Api.customer(phone).get("/reservations/not-a-uuid").then().statusCode(404).contentType(startsWith(PROBLEM));
        Api.customer(phone).contentType(ContentType.JSON).body("{\"petName\":\"Nabi\"}")
                .patch("/reservations/" + UUID.randomUUID()).then().statusCode(404).contentType(startsWith(PROBLEM));
        Api.customer(phone).delete("/reservations/" + UUID.randomUUID()).then().statusCode(404);
        Api.customer(phone).contentType(ContentType.JSON).body("{\"petName\":\"\"}").patch("/reservations/" + id)
                .then().statusCode(400).body("violations[0].field", equalTo("petName"));
        Api.customer(phone).contentType(ContentType.JSON).body("{\"reason\":\"a\\u0000b\"}")
                .patch("/reservations/" + id).then().statusCode(400).body("violations[0].field", equalTo("reason"));
        Api.customer(phone).contentType(ContentType.JSON).body("{\"petName\":\"Nabi\"} []")
                .patch("/reservations/" + id).then().statusCode(400);
        Api.customer(phone).queryParam("phone", "not a phone").get("/reservations").then().statusCode(400)
                .contentType(startsWith(PROBLEM));
        Api.customer(phone).get("/reservations/" + id).then().body("petName", equalTo("Bori"))
                .body("reason", equalTo("limping"));
    }

    @Test
    void nobodyChangesAReservationsPhone() {
        String id = ReservationFlowTest.place(scheduleId, phone).then().statusCode(201).extract().path("id");
        String thief = Api.newPhone();
        Api.customer(phone).contentType(ContentType.JSON).body("{\"phone\":\"" + thief + "\"}")
                .patch("/reservations/" + id).then().statusCode(400).contentType(startsWith(PROBLEM))
                .body("violations[0].field", equalTo("phone"));
        Api.customer(phone).contentType(ContentType.JSON).body("{\"petName\":\"Nabi\",\"phone\":\"" + phone + "\"}")
                .patch("/reservations/" + id).then().statusCode(400);
        Api.customer(phone).get("/reservations/" + id).then().statusCode(200).body("phone", equalTo(phone))
                .body("petName", equalTo("Bori"));
        Api.customer(thief).get("/reservations/" + id).then().statusCode(404);
    }

    @Test
    void everySpellingOfAPhoneIsTheSameCustomer() {
        String digits = phone.replace("-", "");
        // placed by an account whose phone is stored without hyphens
        String id = ReservationFlowTest.place(scheduleId, digits).then().statusCode(201)
                .body("phone", equalTo(phone)).extract().path("id");
        assertThat(db.query("SELECT phone FROM reservation WHERE id = ?", UUID.fromString(id)).get(0).get("phone"))
                .isEqualTo(phone);
        for (String spelling : List.of(phone, digits, digits.substring(0, 3) + " " + digits.substring(3, 7) + " "
                + digits.substring(7), "+82 " + phone.substring(1))) {
            Api.customer(spelling).get("/reservations/" + id).then().statusCode(200);
            Api.customer(spelling).get("/reservations").then().statusCode(200).body("id", hasItem(id));
            Api.staff().queryParam("phone", spelling).get("/reservations").then().statusCode(200)
                    .body("id", hasItem(id));
        }
        // and its events carry the normal form
        List<ConsumerRecord<String, String>> published = await().atMost(Duration.ofSeconds(30))
                .until(() -> TopicContents.upToNow(bootstrapServers, "reservation-events"),
                        all -> !TopicContents.ofKey(all, id).isEmpty());
        assertThat(TopicContents.ofKey(published, id).get(0).value().replace(" ", ""))
                .contains("\"phone\":\"" + phone + "\"");
    }

    @Test
    void aDayThatHasPassedCanBeNeitherBookedNorMovedOnto() {
        String passed = DiagnosisService.newSchedule("Dr. Yesterday", 5, false);
        DiagnosisService.database().execute("UPDATE schedule SET date = current_date - 2 WHERE id = '" + passed + "'");

        ReservationFlowTest.place(passed, phone).then().statusCode(409).contentType(startsWith(PROBLEM))
                .body("type", equalTo("https://animal-hospital.example/problems/day-passed"));
        nothingWritten();
        assertThat(DiagnosisService.booked(passed)).isZero();

        String id = ReservationFlowTest.place(scheduleId, phone).then().statusCode(201).extract().path("id");
        Api.customer(phone).contentType(ContentType.JSON).body("{\"scheduleId\":\"" + passed + "\"}")
                .patch("/reservations/" + id).then().statusCode(409).contentType(startsWith(PROBLEM))
                .body("type", equalTo("https://animal-hospital.example/problems/day-passed"));
        Api.customer(phone).get("/reservations/" + id).then().body("scheduleId", equalTo(scheduleId));
        assertThat(DiagnosisService.booked(passed)).isZero();
        assertThat(DiagnosisService.booked(scheduleId)).isEqualTo(1);
    }

    private ValidatableResponse post(String body) {
        return Api.customer(phone).contentType(ContentType.JSON).body(body).post("/reservations").then();
    }

    private void nothingWritten() {
        assertThat(db.count("SELECT count(*) FROM reservation")).isEqualTo(reservations);
        assertThat(DiagnosisService.booked(scheduleId)).isZero();
    }
}
