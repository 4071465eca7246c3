package io.animalhospital.billing;

import static io.animalhospital.billing.Clinic.asStaff;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.notNullValue;

import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;

/** Every HTTP error, the framework's own included, is problem details with the status in its body. */
@QuarkusTest
class ProblemDetailsTest {

    private static final String PROBLEM_JSON = "application/problem+json";

    @Test
    void unreadableBody() {
        assertProblem(pay(UUID.randomUUID(), "{\"amount\":"), 400);
    }

    @Test
    void unknownPath() {
        assertProblem(asStaff().get("/no-such-resource"), 404);
    }

    @Test
    void wrongMethodOnAKnownPath() {
        assertProblem(asStaff().delete("/bills/" + UUID.randomUUID()), 405);
    }

    @Test
    void tooLongUrl() {
        assertProblem(asStaff().get("/bills/" + "x".repeat(10_000)), 414);
    }

    @Test
    void bodyOver64KiB() {
        assertProblem(pay(UUID.randomUUID(), "{\"amount\":10000,\"method\":\"CARD\",\"note\":\"" + "x".repeat(65 * 1024)
                + "\"}"), 413);
    }

    @Test
    void billingsOwnRefusalIsTyped() {
        assertProblem(pay(UUID.randomUUID(), "{\"amount\":10000,\"method\":\"CARD\"}"), 404)
                .body("type", is("https://animal-hospital.example/problems/bill-not-found"))
                .body("title", is("Bill not found"));
    }

    private static Response pay(UUID billId, String body) {
        return asStaff().contentType("application/json").header("Idempotency-Key", UUID.randomUUID().toString())
                .body(body).post("/bills/" + billId + "/payments");
    }

    private static io.restassured.response.ValidatableResponse assertProblem(Response response, int status) {
        return response.then().statusCode(status).contentType(PROBLEM_JSON)
                .body("status", is(status))
                .body("title", notNullValue());
    }
}
