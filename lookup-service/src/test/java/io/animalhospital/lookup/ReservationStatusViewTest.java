package io.animalhospital.lookup;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;

import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.animalhospital.infra.TestKafka;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

/** The view built from events on the real broker, stored in the real database. */
@QuarkusTest
class ReservationStatusViewTest {

    private static TestKafka kafka;

    @BeforeAll
    static void connect() {
        kafka = new TestKafka(ConfigProvider.getConfig().getValue("kafka.bootstrap.servers", String.class));
    }

    @AfterAll
    static void close() {
        kafka.close();
    }

    @Test
    void theWholeStoryConverges() {
        ClinicEvents story = new ClinicEvents(ClinicEvents.uniquePhone());
        Instant t = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        story.reservation("ReservationPlaced", "AWAITING_APPROVAL", t).to(kafka);
        story.notification("SENT", "Reservation received", t.plusMillis(5)).to(kafka);
        story.approved(t.plusSeconds(1)).to(kafka);
        story.reservation("ReservationApproved", "RESERVED", t.plusSeconds(2)).to(kafka);
        story.treated(t.plusSeconds(3)).to(kafka);
        story.reservation("ReservationTreated", "TREATED", t.plusSeconds(4)).to(kafka);
        story.billIssued(t.plusSeconds(5)).to(kafka);
        story.billPaid(t.plusSeconds(6)).to(kafka);
        story.notification("FAILED", "Bill paid", t.plusSeconds(7)).to(kafka);

        JsonPath view = awaitVersion(story, 9);
        assertThat(view.getString("ownerName")).isEqualTo("Hong Gildong");
        assertThat(view.getString("phone")).isEqualTo(story.phone);
        assertThat(view.getString("petName")).isEqualTo("Choco");
        assertThat(view.getString("vet")).isEqualTo("Dr. Kim");
        assertThat(view.getString("date")).isEqualTo(story.date.toString());
        assertThat(view.getString("reservationStatus")).isEqualTo("TREATED");
        assertThat(view.getString("appointmentStatus")).isEqualTo("TREATED");
        assertThat(view.getString("treatment.doctor")).isEqualTo("Dr. Kim");
        assertThat(view.getString("treatment.treatment")).isEqualTo("rabies vaccine");
        assertThat(view.getList("treatment.items")).containsExactly(Map.of("code", "VACCINE_RABIES", "quantity", 1));
        assertThat(view.getString("bill.id")).isEqualTo(story.billId.toString());
        assertThat(view.getInt("bill.total")).isEqualTo(35000);
        assertThat(view.getString("bill.status")).isEqualTo("PAID");
        assertThat(view.getString("lastNotification.status")).isEqualTo("FAILED");
        assertThat(view.getString("lastNotification.message")).isEqualTo("Bill paid");
        assertThat(view.getString("lastNotification.channel")).isEqualTo("log");
        assertThat(view.getList("history.eventType")).containsExactly("ReservationPlaced", "AppointmentApproved",
                "ReservationApproved", "Treated", "ReservationTreated", "BillIssued", "BillPaid");
        assertThat(view.getList("history.status")).containsExactly("AWAITING_APPROVAL", "BOOKED", "RESERVED",
                "TREATED", "TREATED", "ISSUED", "PAID");
        assertThat(Instant.parse(view.getString("updatedAt"))).isEqualTo(t.plusSeconds(7));

        given().queryParam("phone", story.phone).get("/reservation-status").then()
                .statusCode(200)
                .body("size()", equalTo(1))
                .body("[0].reservationId", equalTo(story.reservationId.toString()));
    }

    static JsonPath awaitVersion(ClinicEvents story, int version) {
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> given()
                .get("/reservation-status/" + story.reservationId).then()
                .statusCode(200).body("version", equalTo(version)));
        return given().get("/reservation-status/" + story.reservationId).then().extract().jsonPath();
    }

    static List<String> history(JsonPath view) {
        return view.getList("history.eventType");
    }
}
