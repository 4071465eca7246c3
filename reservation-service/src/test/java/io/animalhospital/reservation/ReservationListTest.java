package io.animalhospital.reservation;

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

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;
import io.restassured.specification.RequestSpecification;

/**
 * The reservations' list (issue 18): staff see any reservation by date, status and phone, a customer only their own;
 * pages in a stable order (date, createdAt, id) with the headers of decision 0060.
 */
@QuarkusTest
class ReservationListTest {

    private static final String PROBLEM = "application/problem+json";

    private static String owner;
    private static String approvalSchedule;
    /** The owner's five reservations in the order of placement: three booked, then two awaiting approval. */
    private static final List<String> placed = new ArrayList<>();
    private static String othersReservation;

    @BeforeEach
    void reservations() {
        DiagnosisService.ensureRunning();
        if (owner != null) {
            return;
        }
        String scheduleId = DiagnosisService.newSchedule("Dr. Lists", 20, false);
        approvalSchedule = DiagnosisService.newSchedule("Dr. Lists", 20, true);
        String phone = Api.newPhone();
        for (String schedule : List.of(scheduleId, scheduleId, scheduleId, approvalSchedule, approvalSchedule)) {
            placed.add(place(schedule, phone));
        }
        othersReservation = place(scheduleId, Api.newPhone());
        owner = phone;
    }

    @Test
    void aCustomerPagesThroughTheirOwnInPlacementOrder() {
        List<String> seen = new ArrayList<>();
        seen.addAll(list(Api.customer(owner).queryParam("size", 2)).statusCode(200)
                .header("X-Total-Count", "5")
                .header("Link", containsString("</reservations?page=1&size=2>; rel=\"next\""))
                .header("Link", containsString("</reservations?page=2&size=2>; rel=\"last\""))
                .extract().jsonPath().getList("id", String.class));
        seen.addAll(list(Api.customer(owner).queryParam("size", 2).queryParam("page", 1)).statusCode(200)
                .header("Link", containsString("rel=\"prev\"")).extract().jsonPath().getList("id", String.class));
        seen.addAll(list(Api.customer(owner).queryParam("size", 2).queryParam("page", 2)).statusCode(200)
                .header("Link", not(containsString("rel=\"next\""))).extract().jsonPath().getList("id", String.class));
        // One day for all, so the order is the placement's (createdAt, then id).
        assertThat(seen).containsExactlyElementsOf(placed);
    }

    @Test
    void aCustomerSeesOnlyTheirOwnAndNamingAnotherPhoneIs403() {
        list(Api.customer(owner).queryParam("size", 100)).statusCode(200)
                .body("id", not(hasItem(othersReservation))).body("phone", everyItem(equalTo(owner)));
        list(Api.customer(owner).queryParam("phone", Api.newPhone())).statusCode(403).contentType(PROBLEM);
        list(Api.customer(Api.newPhone())).statusCode(200).body("$", empty()).header("X-Total-Count", "0");
    }

    @Test
    void staffFilterByStatusDateAndPhone() {
        list(Api.staff().queryParam("phone", owner).queryParam("status", "AWAITING_APPROVAL")).statusCode(200)
                .header("X-Total-Count", "2").body("id", contains(placed.get(3), placed.get(4)));
        String date = Api.customer(owner).get("/reservations/" + placed.get(0)).then().extract().path("date");
        list(Api.staff().queryParam("date", date).queryParam("status", "RESERVED").queryParam("size", 100))
                .statusCode(200).body("date", everyItem(equalTo(date))).body("status", everyItem(equalTo("RESERVED")))
                .body("id", hasItem(othersReservation)).body("id", hasItem(placed.get(0)));
        // Staff need not name a phone any more: the whole clinic's list, paginated.
        list(Api.staff()).statusCode(200).header("X-Total-Count", not(equalTo("0")));
    }

    @Test
    void onlyAccountsWithARoleList() {
        list(given()).statusCode(401).contentType(PROBLEM);
        list(given().auth().oauth2(Api.identity().noRole())).statusCode(403).contentType(PROBLEM);
    }

    @Test
    void unusableParametersAreA400NamingThem() {
        invalid(list(Api.staff().queryParam("size", 101)), "size");
        invalid(list(Api.staff().queryParam("page", -1)), "page");
        invalid(list(Api.staff().queryParam("size", "abc")), "size");
        invalid(list(Api.staff().queryParam("status", "BOOKED")), "status");
        invalid(list(Api.staff().queryParam("date", "tomorrow")), "date");
        invalid(list(Api.customer(owner).queryParam("phone", "not a phone")), "phone");
    }

    /** A diagnosis-service that has just started may answer its first calls late (503, nothing kept): again then. */
    private static String place(String scheduleId, String phone) {
        return await().atMost(Duration.ofSeconds(60)).until(() -> ReservationFlowTest.place(scheduleId, phone),
                response -> response.statusCode() != 503).then().statusCode(201).extract().path("id");
    }

    private static ValidatableResponse list(RequestSpecification request) {
        return request.get("/reservations").then();
    }

    private static void invalid(ValidatableResponse response, String parameter) {
        response.statusCode(400).contentType(PROBLEM).body("violations.field", contains(parameter));
    }
}
