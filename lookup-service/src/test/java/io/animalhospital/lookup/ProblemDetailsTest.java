package io.animalhospital.lookup;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.notNullValue;

import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.restassured.response.ValidatableResponse;

/**
 * Every HTTP error, the framework's own included, is problem details with the status in its body. lookup-service
 * reads no request body (its one POST takes none), so there is no unreadable body to send; a body over the limit
 * is still refused before any resource runs.
 */
@QuarkusTest
class ProblemDetailsTest {

    private static final String PROBLEM_JSON = "application/problem+json";

    @Test
    void unknownPath() {
        assertProblem(given().get("/no-such-resource"), 404);
    }

    @Test
    void wrongMethodOnAKnownPath() {
        assertProblem(given().delete("/reservation-status/" + UUID.randomUUID()), 405);
        assertProblem(given().get("/admin/rebuild"), 405);
    }

    @Test
    void tooLongUrl() {
        assertProblem(given().get("/reservation-status/" + "x".repeat(10_000)), 414);
    }

    @Test
    void bodyOver64KiB() {
        // Refused by its declared length, before the rebuild endpoint could run.
        assertProblem(given().contentType("application/json").body("{\"note\":\"" + "x".repeat(65 * 1024) + "\"}")
                .post("/admin/rebuild"), 413);
    }

    @Test
    void lookupsOwnRefusalsAreTyped() {
        assertProblem(Access.asStaff().get("/reservation-status/" + UUID.randomUUID()), 404)
                .body("type", is("https://animal-hospital.example/problems/reservation-not-found"))
                .body("title", is("Reservation not found"));
        assertProblem(Access.asStaff().get("/reservation-status/not-a-uuid"), 400)
                .body("type", is("https://animal-hospital.example/problems/invalid-reservation-id"))
                .body("title", is("Invalid reservation id"));
        assertProblem(Access.asStaff().get("/reservation-status"), 400)
                .body("type", is("https://animal-hospital.example/problems/phone-required"));
        assertProblem(Access.asCustomer(ClinicEvents.uniquePhone()).queryParam("phone", ClinicEvents.uniquePhone())
                .get("/reservation-status"), 403)
                .body("type", is("https://animal-hospital.example/problems/not-your-phone"))
                .body("title", is("Not your phone number"));
    }

    @Test
    void withoutATokenEveryEndpointIsA401Problem() {
        assertProblem(given().get("/reservation-status/" + UUID.randomUUID()), 401);
        assertProblem(given().get("/reservation-status?phone=010-1234-5678"), 401);
        assertProblem(given().post("/admin/rebuild"), 401);
    }

    private static ValidatableResponse assertProblem(Response response, int status) {
        return response.then().statusCode(status).contentType(PROBLEM_JSON)
                .body("status", is(status))
                .body("title", notNullValue());
    }
}
