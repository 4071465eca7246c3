package io.animalhospital.diagnosis;

import static io.animalhospital.diagnosis.Api.as;
import static io.animalhospital.diagnosis.Api.asStaff;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import io.restassured.specification.RequestSpecification;

/**
 * Staff's work lists and the schedules' list (issue 18): filters, pages in a stable order (ties by id), the
 * headers of decision 0060, who may read them, and every unusable parameter a 400 naming it.
 */
@QuarkusTest
class WorkListsTest {

    private static final String PROBLEM = "application/problem+json";

    /** A vet of this run only, so that other tests' schedules never show in these lists. */
    private static final String VET = "Dr. Lists " + UUID.randomUUID();
    private static final String OTHER_VET = "Dr. Other " + UUID.randomUUID();
    private static final LocalDate DAY = LocalDate.now(ZoneId.of("Asia/Seoul")).plusDays(40);

    private static boolean ready;
    /** Ids of the vet's five schedules: two on DAY (a tie), one each on DAY+1 (full), DAY+2 (approval), DAY+3. */
    private static final List<String> schedules = new ArrayList<>();
    private static String full;
    private static String approval;
    private static final List<UUID> onDay = new ArrayList<>();
    private static final List<UUID> awaiting = new ArrayList<>();
    private static UUID otherVetsAppointment;

    @BeforeEach
    void clinicDays() {
        if (ready) {
            return;
        }
        String tieA = open(VET, DAY, 3, false);
        String tieB = open(VET, DAY, 3, false);
        full = open(VET, DAY.plusDays(1), 1, false);
        approval = open(VET, DAY.plusDays(2), 5, true);
        String later = open(VET, DAY.plusDays(3), 5, false);
        schedules.addAll(List.of(tieA, tieB));
        schedules.sort(Comparator.naturalOrder());
        schedules.addAll(List.of(full, approval, later));

        // Booked in this order: createdAt orders the appointments of one schedule.
        for (String schedule : List.of(tieB, tieA, tieA)) {
            onDay.add(book(schedule));
        }
        book(full);
        awaiting.add(book(approval));
        awaiting.add(book(approval));
        otherVetsAppointment = book(open(OTHER_VET, DAY, 2, false));
        ready = true;
    }

    @Test
    void schedulesComeInPagesOrderedByDateVetAndIdWithTheHeaders() {
        List<String> seen = new ArrayList<>();
        seen.addAll(schedules(given().queryParam("vet", VET).queryParam("size", 2).queryParam("page", 0))
                .statusCode(200).header("X-Total-Count", "5")
                .header("Link", containsString("rel=\"next\"")).header("Link", not(containsString("rel=\"prev\"")))
                .extract().jsonPath().getList("id", String.class));
        seen.addAll(schedules(given().queryParam("vet", VET).queryParam("size", 2).queryParam("page", 1))
                .statusCode(200).header("Link", containsString("rel=\"prev\""))
                .extract().jsonPath().getList("id", String.class));
        seen.addAll(schedules(given().queryParam("vet", VET).queryParam("size", 2).queryParam("page", 2))
                .statusCode(200).body("$", hasSize(1))
                .header("Link", not(containsString("rel=\"next\"")))
                .header("Link", containsString("page=2&size=2>; rel=\"last\""))
                .header("Link", containsString("vet=")).extract().jsonPath().getList("id", String.class));
        assertThat(seen).containsExactlyElementsOf(schedules);
    }

    @Test
    void schedulesFilterByDaysAndSeatsLeft() {
        schedules(given().queryParam("vet", VET).queryParam("date", DAY.toString())).statusCode(200)
                .body("id", contains(schedules.get(0), schedules.get(1)));
        schedules(given().queryParam("vet", VET).queryParam("from", DAY.plusDays(1).toString())
                .queryParam("to", DAY.plusDays(2).toString())).statusCode(200)
                .header("X-Total-Count", "2").body("id", contains(full, approval));
        schedules(given().queryParam("vet", VET).queryParam("available", "true")).statusCode(200)
                .header("X-Total-Count", "4").body("id", not(org.hamcrest.Matchers.hasItem(full)))
                .body("available", everyItem(org.hamcrest.Matchers.greaterThan(0)));
        // Anyone reads schedules: no token above, none needed.
    }

    @Test
    void appointmentsOfADayComeOrderedByVetThenBookingTime() {
        List<String> expected = new ArrayList<>(onDay.stream().map(UUID::toString).toList());
        // OTHER_VET's name sorts after VET's ("Dr. Lists" < "Dr. Other").
        expected.add(otherVetsAppointment.toString());
        appointments(asStaff().queryParam("date", DAY.toString())).statusCode(200)
                .header("X-Total-Count", String.valueOf(expected.size()))
                .body("reservationId", contains(expected.toArray()))
                .body("vet", contains(VET, VET, VET, OTHER_VET));
    }

    @Test
    void theApprovalsWaitingAreTheAwaitingStatus() {
        appointments(asStaff().queryParam("status", "AWAITING_APPROVAL").queryParam("vet", VET)).statusCode(200)
                .header("X-Total-Count", "2")
                .body("reservationId", contains(awaiting.get(0).toString(), awaiting.get(1).toString()))
                .body("status", everyItem(equalTo("AWAITING_APPROVAL")));
        appointments(asStaff().queryParam("scheduleId", approval).queryParam("size", 1).queryParam("page", 1))
                .statusCode(200).header("X-Total-Count", "2")
                .body("reservationId", contains(awaiting.get(1).toString()))
                .header("Link", containsString("</appointments?scheduleId=" + approval + "&page=0&size=1>; rel=\"prev\""));
    }

    @Test
    void aScheduleThatDoesNotExistIsA404() {
        appointments(asStaff().queryParam("scheduleId", UUID.randomUUID())).statusCode(404).contentType(PROBLEM);
    }

    @Test
    void onlyStaffReadAppointments() {
        appointments(given().queryParam("date", DAY.toString())).statusCode(401).contentType(PROBLEM);
        appointments(as(Api.identity().customer("010-1234-5678")).queryParam("date", DAY.toString()))
                .statusCode(403).contentType(PROBLEM);
        appointments(as(Api.identity().admin()).queryParam("date", DAY.toString())).statusCode(200);
    }

    @Test
    void unusableParametersAreA400NamingThem() {
        invalid(schedules(given().queryParam("size", 101)), "size");
        invalid(schedules(given().queryParam("page", -1)), "page");
        invalid(schedules(given().queryParam("size", "abc")), "size");
        invalid(schedules(given().queryParam("available", "maybe")), "available");
        invalid(schedules(given().queryParam("from", "someday")), "from");
        invalid(schedules(given().queryParam("from", DAY.toString()).queryParam("to", DAY.minusDays(1).toString())),
                "to");
        invalid(appointments(asStaff().queryParam("status", "WAITING")), "status");
        invalid(appointments(asStaff().queryParam("scheduleId", "not-an-id")), "scheduleId");
        invalid(appointments(asStaff().queryParam("date", "2026-13-01")), "date");
        invalid(appointments(asStaff().queryParam("size", 0)), "size");
    }

    private static String open(String vet, LocalDate date, int capacity, boolean approvalRequired) {
        return asStaff().contentType(ContentType.JSON)
                .body("{\"vet\":\"" + vet + "\",\"date\":\"" + date + "\",\"capacity\":" + capacity
                        + ",\"approvalRequired\":" + approvalRequired + "}")
                .post("/schedules").then().statusCode(201).extract().path("id");
    }

    private static UUID book(String scheduleId) {
        UUID reservationId = UUID.randomUUID();
        AppointmentFlowTest.book(reservationId, scheduleId).then().statusCode(201);
        return reservationId;
    }

    private static ValidatableResponse schedules(RequestSpecification request) {
        return request.get("/schedules").then();
    }

    private static ValidatableResponse appointments(RequestSpecification request) {
        return request.get("/appointments").then();
    }

    private static void invalid(ValidatableResponse response, String parameter) {
        response.statusCode(400).contentType(PROBLEM).body("violations.field", contains(parameter));
    }
}
