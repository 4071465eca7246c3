package io.animalhospital.reservation;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.emptyOrNullString;
import static org.hamcrest.Matchers.equalTo;
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
        problem(Api.customer("010-4545-0001").contentType(ContentType.JSON).body("{\"scheduleId\":")
                .post("/reservations"), 400);
        problem(Api.customer("010-4545-0001").contentType(ContentType.JSON).body("{\"email\":")
                .patch("/reservations/" + UUID.randomUUID()), 400);
    }

    @Test
    void unknownPath() {
        problem(given().get("/no-such-thing"), 404);
    }

    @Test
    void wrongMethodOnAKnownPath() {
        problem(given().put("/reservations"), 405);
    }

    @Test
    void tooLongUrl() {
        problem(Api.staff().get("/reservations/" + "x".repeat(10_000)), 414);
    }

    @Test
    void bodyOver64KiB() {
        problem(Api.customer("010-4545-0001").contentType(ContentType.JSON)
                .body("{\"ownerName\":\"" + "x".repeat(70 * 1024) + "\"}").post("/reservations"), 413);
    }

    private static void problem(Response response, int status) {
        response.then().statusCode(status)
                .contentType(startsWith("application/problem+json"))
                .body("status", equalTo(status))
                .body("title", not(emptyOrNullString()));
    }
}
