package io.animalhospital.lookup;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.startsWith;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.animalhospital.infra.TestDatabase;
import io.animalhospital.infra.TestIdentity;
import io.animalhospital.infra.TestKafka;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;
import io.restassured.specification.RequestSpecification;

/**
 * SPEC §7 for every endpoint of lookup-service: without a token 401, without a clinic role (or with
 * reservation-service's) 403, another customer 404 (its existence does not leak), the owner and staff 2xx, the
 * rebuild for admins only; every bad token 401 on a read and on the write, with nothing done. The stream's own
 * refusals and its owner are in {@link StatusStreamTest}; an admin's rebuild in {@link RebuildTest}.
 */
@QuarkusTest
class SecurityMatrixTest {

    private static final String PROBLEM = "application/problem+json";
    private static TestKafka kafka;
    private static TestDatabase db;

    private final TestIdentity identity = TestIdentity.fromConfig();

    @BeforeAll
    static void connect() {
        kafka = new TestKafka(ConfigProvider.getConfig().getValue("kafka.bootstrap.servers", String.class));
        db = new TestDatabase(ConfigProvider.getConfig().getValue("quarkus.datasource.jdbc.url", String.class));
    }

    @AfterAll
    static void close() {
        kafka.close();
    }

    @Test
    void oneView() {
        ClinicEvents story = placed(ClinicEvents.uniquePhone());
        String path = "/reservation-status/" + story.reservationId;

        problem(given().get(path), 401).header("WWW-Authenticate", startsWith("Bearer"));
        problem(as(identity.noRole()).get(path), 403);
        problem(as(identity.service()).get(path), 403);
        // Another customer's reservation answers exactly as one that does not exist.
        String unknown = problem(as(identity.customer(ClinicEvents.uniquePhone())).get(path), 404)
                .extract().path("type");
        assertThat(unknown).isEqualTo(problem(Access.asStaff().get("/reservation-status/" + java.util.UUID.randomUUID()),
                404).extract().<String>path("type"));
        problem(as(customerWithoutPhone()).get(path), 404);

        as(identity.customer(story.phone)).get(path).then().statusCode(200)
                .body("reservationId", equalTo(story.reservationId.toString()));
        as(identity.staff()).get(path).then().statusCode(200).body("phone", equalTo(story.phone));
        as(identity.admin()).get(path).then().statusCode(200);
    }

    /**
     * A customer lists their own reservations (the parameter may be left out); another's number is 403, decided
     * from the request and the token alone, so it says nothing about what is stored. Staff name any number.
     */
    @Test
    void reservationsOfAPhone() {
        ClinicEvents story = placed(ClinicEvents.uniquePhone());
        String id = story.reservationId.toString();

        problem(given().queryParam("phone", story.phone).get("/reservation-status"), 401);
        problem(as(identity.noRole()).queryParam("phone", story.phone).get("/reservation-status"), 403);
        problem(as(identity.service()).queryParam("phone", story.phone).get("/reservation-status"), 403);
        String other = ClinicEvents.uniquePhone();
        problem(as(identity.customer(other)).queryParam("phone", story.phone).get("/reservation-status"), 403)
                .body("type", equalTo("https://animal-hospital.example/problems/not-your-phone"));
        as(identity.customer(other)).get("/reservation-status").then().statusCode(200)
                .body("reservationId", not(hasItem(id)));
        problem(as(customerWithoutPhone()).get("/reservation-status"), 403);

        as(identity.customer(story.phone)).get("/reservation-status").then().statusCode(200)
                .body("reservationId", hasItem(id));
        as(identity.customer(story.phone)).queryParam("phone", story.phone).get("/reservation-status").then()
                .statusCode(200).body("reservationId", hasItem(id));
        as(identity.staff()).queryParam("phone", story.phone).get("/reservation-status").then().statusCode(200)
                .body("reservationId", hasItem(id));
        as(identity.admin()).queryParam("phone", story.phone).get("/reservation-status").then().statusCode(200)
                .body("reservationId", hasItem(id));
    }

    /** Admins only: staff, customers and the rest are refused, and nothing is emptied. */
    @Test
    void rebuildIsForAdminsOnly() {
        ClinicEvents story = placed(ClinicEvents.uniquePhone());
        long applied = db.count("SELECT count(*) FROM processed_event");

        problem(given().post("/admin/rebuild"), 401);
        problem(as(identity.noRole()).post("/admin/rebuild"), 403);
        problem(as(identity.service()).post("/admin/rebuild"), 403);
        problem(as(identity.customer(story.phone)).post("/admin/rebuild"), 403);
        problem(as(identity.staff()).post("/admin/rebuild"), 403);

        assertNothingEmptied(story, applied);
    }

    @Test
    void everyBadTokenIs401OnAReadAndOnTheWriteAndNothingIsDone() {
        ClinicEvents story = placed(ClinicEvents.uniquePhone());
        long applied = db.count("SELECT count(*) FROM processed_event");
        for (Map.Entry<String, String> bad : identity.badTokens().entrySet()) {
            assertUnauthorized(bad.getKey() + " read", as(bad.getValue()).get("/reservation-status/" + story.reservationId));
            assertUnauthorized(bad.getKey() + " list",
                    as(bad.getValue()).queryParam("phone", story.phone).get("/reservation-status"));
            assertUnauthorized(bad.getKey() + " rebuild", as(bad.getValue()).post("/admin/rebuild"));
        }
        assertNothingEmptied(story, applied);
    }

    /** Real tokens from the run's Keycloak (password grant, client credentials), not only tokens signed here. */
    @Test
    void realKeycloakTokens() {
        ClinicEvents story = placed(TestIdentity.PHONE_A);
        String path = "/reservation-status/" + story.reservationId;

        as(identity.keycloakToken(TestIdentity.CUSTOMER_A)).get(path).then().statusCode(200)
                .body("phone", equalTo(TestIdentity.PHONE_A));
        as(identity.keycloakToken(TestIdentity.CUSTOMER_A)).get("/reservation-status").then().statusCode(200)
                .body("reservationId", hasItem(story.reservationId.toString()));
        problem(as(identity.keycloakToken(TestIdentity.CUSTOMER_A)).post("/admin/rebuild"), 403);
        problem(as(identity.keycloakToken(TestIdentity.CUSTOMER_B)).get(path), 404);
        problem(as(identity.keycloakToken(TestIdentity.CUSTOMER_B)).queryParam("phone", TestIdentity.PHONE_A)
                .get("/reservation-status"), 403);
        problem(as(identity.keycloakServiceToken()).get(path), 403);
        problem(as(identity.keycloakServiceToken()).post("/admin/rebuild"), 403);
        // Staff and admin accounts carry a phone too (the realm wants one of everybody): their roles decide.
        as(identity.keycloakToken(TestIdentity.STAFF)).get(path).then().statusCode(200);
        problem(as(identity.keycloakToken(TestIdentity.STAFF)).post("/admin/rebuild"), 403);
        as(identity.keycloakToken(TestIdentity.ADMIN)).get(path).then().statusCode(200);
        problem(as(identity.keycloakToken(TestIdentity.NO_ROLE)).get(path), 403);
    }

    /** Control characters in the path or the query: 400 naming the parameter (the platform's), for anyone allowed in. */
    @Test
    void controlCharactersInParametersAre400() {
        for (String token : List.of(identity.staff(), identity.customer("010-1234-5678"))) {
            problem(as(token).urlEncodingEnabled(false).get("/reservation-status?phone=%00"), 400)
                    .body("detail", equalTo("Parameter 'phone' contains control characters"));
            problem(as(token).urlEncodingEnabled(false).get("/reservation-status?phone=010-1234-5678%7F"), 400)
                    .body("detail", equalTo("Parameter 'phone' contains control characters"));
            problem(as(token).urlEncodingEnabled(false).get("/reservation-status/%00"), 400)
                    .body("detail", equalTo("Parameter 'reservationId' contains control characters"));
            problem(as(token).urlEncodingEnabled(false).get("/reservation-status/%07/stream"), 400)
                    .body("detail", equalTo("Parameter 'reservationId' contains control characters"));
        }
    }

    private ClinicEvents placed(String phone) {
        ClinicEvents story = new ClinicEvents(phone);
        story.reservation("ReservationPlaced", "RESERVED", Instant.now()).to(kafka);
        ReservationStatusViewTest.awaitVersion(story, 1);
        return story;
    }

    /** A customer whose account has no phone number: owns nothing. */
    private String customerWithoutPhone() {
        return identity.sign(identity.claims("customer-without-phone", List.of("customer"), null));
    }

    /** The view was not emptied: a rebuild truncates it before it answers. */
    private static void assertNothingEmptied(ClinicEvents story, long applied) {
        assertThat(db.count("SELECT count(*) FROM processed_event")).isGreaterThanOrEqualTo(applied);
        assertThat(db.count("SELECT count(*) FROM reservation_status WHERE reservation_id = ?", story.reservationId))
                .isEqualTo(1);
    }

    private static void assertUnauthorized(String what, io.restassured.response.Response response) {
        assertThat(response.statusCode()).as(what).isEqualTo(401);
        assertThat(response.contentType()).as(what).startsWith(PROBLEM);
        assertThat(response.header("WWW-Authenticate")).as(what).startsWith("Bearer");
    }

    private static RequestSpecification as(String token) {
        return Access.as(token);
    }

    /** Problem details with that status. */
    private static ValidatableResponse problem(io.restassured.response.Response response, int status) {
        return response.then().statusCode(status).contentType(PROBLEM).body("status", equalTo(status));
    }
}
