package io.animalhospital.diagnosis;

import static io.animalhospital.diagnosis.Api.asStaff;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.emptyOrNullString;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.startsWith;

import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;

/** Every HTTP error, the framework's own included, is application/problem+json in one shape (SPEC §3). */
@QuarkusTest
class ProblemDetailsTest {

    @Test
    void unreadableBody() {
        problem(asStaff().contentType(ContentType.JSON).body("{\"vet\":").post("/schedules"), 400);
        problem(asStaff().contentType(ContentType.JSON).body("{\"capacity\":").patch("/schedules/" + UUID.randomUUID()), 400);
    }

    @Test
    void unknownPath() {
        problem(given().get("/no-such-thing"), 404);
    }

    @Test
    void wrongMethodOnAKnownPath() {
        problem(given().delete("/appointments"), 405);
    }

    @Test
    void tooLongUrl() {
        problem(given().get("/schedules/" + "x".repeat(10_000)), 414);
    }

    @Test
    void bodyOver64KiB() {
        problem(asStaff().contentType(ContentType.JSON).body("{\"vet\":\"" + "x".repeat(70 * 1024) + "\"}")
                .post("/schedules"), 413);
    }

    @Test
    void noTokenAndTheWrongRole() {
        problem(given().get("/appointments/" + UUID.randomUUID()), 401);
        problem(Api.as(Api.identity().customer("010-1234-5678")).get("/appointments/" + UUID.randomUUID()), 403);
    }

    private static void problem(Response response, int status) {
        response.then().statusCode(status)
                .contentType(startsWith("application/problem+json"))
                .body("status", equalTo(status))
                .body("title", not(emptyOrNullString()));
    }
}
