package io.animalhospital.notice;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.animalhospital.infra.TestDatabase;
import io.animalhospital.infra.TestIdentity;
import io.animalhospital.infra.TestKafka;
import io.animalhospital.notice.Events.Reservation;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;
import io.restassured.specification.RequestSpecification;

/**
 * The notifications' list (issue 18): staff read every notification by status (e.g. FAILED), reservation or
 * recipient, a customer only what was sent to them; pages in a stable order (createdAt, id) with the headers of
 * decision 0060.
 */
@QuarkusTest
class NotificationListTest {

    private static final String PROBLEM = "application/problem+json";
    private static final TestIdentity identity = TestIdentity.fromConfig();

    private static String phone;
    private static Reservation first;
    /** The event ids of the customer's four notifications, in the order they were stored. */
    private static final List<String> events = new ArrayList<>();
    private static String othersEvent;

    @BeforeEach
    void fourNotificationsOfOneCustomer() {
        if (phone != null) {
            return;
        }
        String owner = NotificationAccessTest.randomPhone();
        try (TestKafka kafka = new TestKafka(ConfigProvider.getConfig().getValue("kafka.bootstrap.servers", String.class))) {
            TestDatabase db = new TestDatabase(
                    ConfigProvider.getConfig().getValue("quarkus.datasource.jdbc.url", String.class));
            first = Reservation.of("Bori", owner, null);
            // One at a time, so that createdAt orders them.
            events.add(send(kafka, db, "ReservationPlaced", first));
            events.add(send(kafka, db, "ReservationPlaced", Reservation.of("Coco", owner, null)));
            events.add(send(kafka, db, "ReservationChanged", first));
            events.add(send(kafka, db, "ReservationPlaced", Reservation.of("Dubu", owner, null)));
            othersEvent = send(kafka, db, "ReservationPlaced", Reservation.of("Tori", NotificationAccessTest.randomPhone(), null));
        }
        phone = owner;
    }

    @Test
    void aCustomerPagesThroughWhatWasSentToThemInOrder() {
        List<String> seen = new ArrayList<>();
        seen.addAll(list(customer().queryParam("size", 3)).statusCode(200).header("X-Total-Count", "4")
                .header("Link", containsString("</notifications?page=1&size=3>; rel=\"next\""))
                .extract().jsonPath().getList("eventId", String.class));
        seen.addAll(list(customer().queryParam("size", 3).queryParam("page", 1)).statusCode(200)
                .header("Link", not(containsString("rel=\"next\"")))
                .header("Link", containsString("</notifications?page=0&size=3>; rel=\"prev\""))
                .extract().jsonPath().getList("eventId", String.class));
        assertThat(seen).containsExactlyElementsOf(events);
        list(customer().queryParam("size", 100)).body("eventId", not(hasItem(othersEvent)));
        list(as(identity.customer(NotificationAccessTest.randomPhone()))).statusCode(200).body("$", empty());
    }

    @Test
    void staffFilterByReservationRecipientAndStatus() {
        list(staff().queryParam("reservationId", first.key())).statusCode(200).header("X-Total-Count", "2")
                .body("eventId", contains(events.get(0), events.get(2)));
        list(staff().queryParam("recipient", phone).queryParam("size", 2).queryParam("page", 1)).statusCode(200)
                .body("eventId", contains(events.get(2), events.get(3)));
        // The log channel sends them all at once.
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> list(staff().queryParam("recipient", phone)
                .queryParam("status", "SENT")).statusCode(200).header("X-Total-Count", "4"));
        list(staff().queryParam("recipient", phone).queryParam("status", "FAILED")).statusCode(200)
                .header("X-Total-Count", "0");
        list(staff().queryParam("status", "SENT").queryParam("size", 100)).statusCode(200)
                .body("status", everyItem(equalTo("SENT")));
        list(staff()).statusCode(200).header("Link", containsString("rel=\"first\""));
    }

    @Test
    void aCustomerMayNotNameAnotherRecipientOrReservation() {
        String others = NotificationAccessTest.randomPhone();
        list(customer().queryParam("recipient", others)).statusCode(403).contentType(PROBLEM);
        list(as(identity.customer(others)).queryParam("reservationId", first.key())).statusCode(404)
                .contentType(PROBLEM);
        list(given()).statusCode(401).contentType(PROBLEM);
        list(as(identity.noRole())).statusCode(403).contentType(PROBLEM);
    }

    @Test
    void unusableParametersAreA400NamingThem() {
        invalid(list(staff().queryParam("size", 101)), "size");
        invalid(list(staff().queryParam("page", -1)), "page");
        invalid(list(staff().queryParam("size", "abc")), "size");
        invalid(list(staff().queryParam("status", "DELIVERED")), "status");
    }

    private static String send(TestKafka kafka, TestDatabase db, String type, Reservation r) {
        UUID eventId = UUID.randomUUID();
        kafka.send("reservation-events", r.key(), Events.reservationEvent(eventId, type, r, "RESERVED", null));
        await().atMost(Duration.ofSeconds(30))
                .until(() -> db.count("SELECT count(*) FROM notification WHERE event_id = ?", eventId) == 1);
        return eventId.toString();
    }

    private static RequestSpecification as(String token) {
        return given().auth().oauth2(token);
    }

    private static RequestSpecification customer() {
        return as(identity.customer(phone));
    }

    private static RequestSpecification staff() {
        return as(identity.staff());
    }

    private static ValidatableResponse list(RequestSpecification request) {
        return request.get("/notifications").then();
    }

    private static void invalid(ValidatableResponse response, String parameter) {
        response.statusCode(400).contentType(PROBLEM).body("violations.field", contains(parameter));
    }
}
