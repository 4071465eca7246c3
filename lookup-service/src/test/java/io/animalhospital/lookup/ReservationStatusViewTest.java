package io.animalhospital.lookup;

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
import io.restassured.response.Response;

/** The view built from events on the real broker, stored in the real database; read by staff (who read every view). */
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

        Access.asStaff().queryParam("phone", story.phone).get("/reservation-status").then()
                .statusCode(200)
                .body("size()", equalTo(1))
                .body("[0].reservationId", equalTo(story.reservationId.toString()));
    }

    @Test
    void treatmentAndBillBeforeTheReservationConverge() {
        ClinicEvents story = new ClinicEvents(ClinicEvents.uniquePhone());
        Instant t = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        story.treated(t.plusSeconds(3)).to(kafka);
        story.billIssued(t.plusSeconds(5)).to(kafka);

        // What is known so far is kept, even without the reservation itself.
        JsonPath partial = awaitVersion(story, 2);
        assertThat(partial.getString("ownerName")).isNull();
        assertThat(partial.getString("appointmentStatus")).isEqualTo("TREATED");
        assertThat(partial.getString("bill.status")).isEqualTo("ISSUED");

        story.reservation("ReservationTreated", "TREATED", t.plusSeconds(4)).to(kafka);
        // Late arrivals that happened earlier: they fill in the details but cannot turn the status back.
        story.reservation("ReservationPlaced", "AWAITING_APPROVAL", t).to(kafka);
        story.approved(t.plusSeconds(1)).to(kafka);
        story.reservation("ReservationApproved", "RESERVED", t.plusSeconds(2)).to(kafka);

        JsonPath view = awaitVersion(story, 6);
        assertThat(view.getString("ownerName")).isEqualTo("Hong Gildong");
        assertThat(view.getString("petName")).isEqualTo("Choco");
        assertThat(view.getString("reservationStatus")).isEqualTo("TREATED");
        assertThat(view.getString("appointmentStatus")).isEqualTo("TREATED");
        assertThat(view.getString("treatment.prescription")).isEqualTo("rest");
        assertThat(view.getString("bill.status")).isEqualTo("ISSUED");
        assertThat(view.getInt("bill.total")).isEqualTo(35000);
        assertThat(history(view)).containsExactly("ReservationPlaced", "AppointmentApproved", "ReservationApproved",
                "Treated", "ReservationTreated", "BillIssued");
        assertThat(Instant.parse(view.getString("updatedAt"))).isEqualTo(t.plusSeconds(5));
    }

    @Test
    void aDuplicatedEventAddsOneHistoryEntry() {
        ClinicEvents story = new ClinicEvents(ClinicEvents.uniquePhone());
        Instant t = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        ClinicEvents.Sent placed = story.reservation("ReservationPlaced", "RESERVED", t);
        ClinicEvents.Sent paid = story.billPaid(t.plusSeconds(2));
        placed.to(kafka);
        placed.to(kafka);
        paid.to(kafka);
        paid.to(kafka);
        placed.to(kafka);
        // Sent after the duplicates on the same topics: once they are applied, the duplicates were seen.
        story.reservation("ReservationCancelled", "CANCELLED", t.plusSeconds(1)).to(kafka);
        story.billIssued(t.plusMillis(1500)).to(kafka);

        JsonPath view = awaitVersion(story, 4);
        assertThat(history(view)).containsExactly("ReservationPlaced", "ReservationCancelled", "BillIssued",
                "BillPaid");
        assertThat(view.getString("reservationStatus")).isEqualTo("CANCELLED");
        assertThat(view.getString("appointmentStatus")).isEqualTo("CANCELLED");
        assertThat(view.getString("bill.status")).isEqualTo("PAID");
    }

    @Test
    void eventsOfOneReservationOnAllTopicsAtOnceAreAllApplied() {
        ClinicEvents story = new ClinicEvents(ClinicEvents.uniquePhone());
        Instant t = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        // Four consumers apply these concurrently to one row: the row lock makes them take turns.
        for (int i = 0; i < 5; i++) {
            story.notification("SENT", "message " + i, t.plusSeconds(10 + i)).to(kafka);
            story.reservation("ReservationChanged", "RESERVED", t.plusSeconds(i)).to(kafka);
            story.approved(t.plusSeconds(i)).to(kafka);
            story.billIssued(t.plusSeconds(i)).to(kafka);
        }
        JsonPath view = awaitVersion(story, 20);
        assertThat(view.getList("history")).hasSize(15);
        assertThat(view.getString("lastNotification.message")).isEqualTo("message 4");
    }

    @Test
    void aDeclinedAppointmentIsCancelledAndAMoveShowsNothingOfItsOwn() {
        ClinicEvents story = new ClinicEvents(ClinicEvents.uniquePhone());
        Instant t = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        // One partition, in this order: once the decline shows, the move was consumed before it.
        story.moved(t).to(kafka);
        story.declined(t.plusSeconds(1)).to(kafka);

        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200)).until(() -> {
            Response response = Access.asStaff().get("/reservation-status/" + story.reservationId);
            return response.statusCode() == 200 && "CANCELLED".equals(response.path("appointmentStatus"));
        });
        JsonPath view = Access.asStaff().get("/reservation-status/" + story.reservationId).then().extract().jsonPath();
        assertThat(view.getInt("version")).isEqualTo(1);
        assertThat(history(view)).containsExactly("AppointmentDeclined");
        assertThat(view.getString("reservationStatus")).isNull();
    }

    @Test
    void unknownReservationIs404AndBadIdIs400() {
        Access.asStaff().get("/reservation-status/" + java.util.UUID.randomUUID()).then()
                .statusCode(404).contentType("application/problem+json").body("status", equalTo(404));
        Access.asStaff().get("/reservation-status/not-a-uuid").then()
                .statusCode(400).contentType("application/problem+json").body("title", equalTo("Invalid reservation id"));
        Access.asStaff().get("/reservation-status/1-2-3-4-5").then().statusCode(400);
        Access.asStaff().get("/reservation-status/not-a-uuid/stream").then().statusCode(400);
        Access.asStaff().get("/reservation-status").then()
                .statusCode(400).contentType("application/problem+json").body("title", equalTo("Phone required"));
        Access.asStaff().queryParam("phone", "010-9999-0000").get("/reservation-status").then()
                .statusCode(200).body("size()", equalTo(0));
    }

    static JsonPath awaitVersion(ClinicEvents story, int version) {
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200)).until(() -> {
            Response response = Access.asStaff().get("/reservation-status/" + story.reservationId);
            return response.statusCode() == 200 && Integer.valueOf(version).equals(response.path("version"));
        });
        return Access.asStaff().get("/reservation-status/" + story.reservationId).then().extract().jsonPath();
    }

    static List<String> history(JsonPath view) {
        return view.getList("history.eventType");
    }
}
