package io.animalhospital.platform;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.notNullValue;

import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import io.quarkus.test.junit.QuarkusTest;

/** Every error, the framework's own included, as one problem-details shape (RFC 9457). */
@QuarkusTest
class ProblemDetailsTest {

    private static final String PROBLEM = "application/problem+json";

    @Test
    void anUnreadableBodyIsA400Problem() {
        problem(given().contentType(ContentType.JSON).body("{\"text\": ").post("/notes"), 400)
                .body("title", equalTo("Malformed JSON"));
    }

    @Test
    void anUnknownFieldIsA400ProblemNamingIt() {
        problem(given().contentType(ContentType.JSON).body(body("\"colour\":\"red\"")).post("/notes"), 400)
                .body("title", equalTo("Unknown field"))
                .body("violations.field", hasItem("colour"));
    }

    @Test
    void aValueOfTheWrongTypeIsA400ProblemNamingTheField() {
        problem(given().contentType(ContentType.JSON).body(body("\"pages\":\"many\"")).post("/notes"), 400)
                .body("title", equalTo("Invalid value"))
                .body("violations.field", hasItem("pages"));
    }

    @Test
    void aMissingValueIsA400ProblemWithItsViolation() {
        problem(given().contentType(ContentType.JSON).body("{\"reservationId\":\"" + UUID.randomUUID() + "\"}")
                .post("/notes"), 400)
                .body("title", equalTo("Invalid request"))
                .body("violations.field", hasItem("text"));
    }

    @Test
    void anUnknownPathIsA404Problem() {
        problem(given().get("/no-such-thing"), 404).body("instance", equalTo("/no-such-thing"));
    }

    @Test
    void anUnknownIdIsA404Problem() {
        problem(given().get("/notes/" + UUID.randomUUID()), 404);
    }

    @Test
    void aWrongMethodIsA405Problem() {
        problem(given().delete("/notes"), 405);
    }

    @Test
    void aWrongMediaTypeIsA415Problem() {
        problem(given().contentType(ContentType.TEXT).body("hello").post("/notes"), 415);
    }

    @Test
    void anUnacceptableAnswerTypeIsA406Problem() {
        problem(given().accept("text/csv").get("/notes/" + UUID.randomUUID()), 406);
    }

    @Test
    void aTooLongUrlIsA414Problem() {
        problem(given().get("/notes/" + "x".repeat(10_000)), 414);
    }

    @Test
    void aBodyOverTheLimitIsA413Problem() {
        problem(given().contentType(ContentType.JSON).body(body("\"text\":\"" + "x".repeat(70_000) + "\"")).post("/notes"),
                413);
    }

    private static String body(String extra) {
        return "{\"reservationId\":\"" + UUID.randomUUID() + "\",\"text\":\"hello\"," + extra + "}";
    }

    private static ValidatableResponse problem(io.restassured.response.Response response, int status) {
        return response.then()
                .statusCode(status)
                .contentType(PROBLEM)
                .body("status", equalTo(status))
                .body("title", notNullValue())
                .body("type", notNullValue());
    }
}
