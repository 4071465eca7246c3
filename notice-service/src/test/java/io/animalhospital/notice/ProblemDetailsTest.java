package io.animalhospital.notice;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.notNullValue;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.restassured.response.ValidatableResponse;

/**
 * Every HTTP error, the framework's own included, is problem details with the status in its body. notice-service
 * takes no request bodies (its API is two GETs), so an unreadable or oversized body meets a 405 first.
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
        assertProblem(given().delete("/notifications"), 405);
    }

    @Test
    void aBodyWhereNoneIsTakenIsAWrongMethod() {
        assertProblem(given().contentType("application/json").body("{\"recipient\":").post("/notifications"), 405);
        assertProblem(given().contentType("application/json").body("{\"x\":\"" + "x".repeat(65 * 1024) + "\"}")
                .post("/notifications"), 413);
    }

    @Test
    void tooLongUrl() {
        assertProblem(given().get("/notifications/" + "x".repeat(10_000)), 414);
    }

    @Test
    void noticesOwnRefusalsAreTyped() {
        // Staff's whole list needs no filter any more: it is paginated (issue 18).
        Access.asStaff().get("/notifications").then().statusCode(200);
        assertProblem(Access.asStaff().queryParam("reservationId", "not-a-uuid").get("/notifications"), 400)
                .body("title", is("Invalid value"));
    }

    @Test
    void noTokenAndTheWrongRoleAreProblemsToo() {
        assertProblem(given().queryParam("recipient", "010-1234-5678").get("/notifications"), 401);
        assertProblem(Access.as(Access.identity().noRole()).queryParam("recipient", "010-1234-5678")
                .get("/notifications"), 403);
    }

    private static ValidatableResponse assertProblem(Response response, int status) {
        return response.then().statusCode(status).contentType(PROBLEM_JSON)
                .body("status", is(status))
                .body("title", notNullValue());
    }
}
