package io.animalhospital.reservation;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.startsWith;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.animalhospital.infra.TestDatabase;
import io.animalhospital.infra.TestIdentity;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;

/**
 * SPEC §7 for every endpoint of reservation-service: anonymous 401, a signed-in account without the role 403,
 * another customer's reservation 404 (its existence does not leak), the owner and staff as the table says. Every
 * token is verified against the test run's real Keycloak; one test uses tokens Keycloak itself issued.
 */
@QuarkusTest
class SecurityMatrixTest {

    private static final String PROBLEM = "application/problem+json";
    private static TestDatabase db;

    private String scheduleId;
    private String owner;
    private String other;
    private String id;

    @BeforeAll
    static void connect() {
        db = new TestDatabase(ConfigProvider.getConfig().getValue("quarkus.datasource.jdbc.url", String.class));
    }

    @BeforeEach
    void aCustomersReservation() {
        DiagnosisService.ensureRunning();
        scheduleId = DiagnosisService.newSchedule("Dr. Matrix", 20, false);
        owner = Api.newPhone();
        other = Api.newPhone();
        id = ReservationFlowTest.place(scheduleId, owner).then().statusCode(201).extract().path("id");
    }

    private static TestIdentity identity() {
        return Api.identity();
    }

    @Test
    void placing() {
        long before = reservations();
        unauthenticated(given().contentType(ContentType.JSON).body(Api.placement(scheduleId)).post("/reservations"));
        forbidden(as(identity().noRole()).contentType(ContentType.JSON).body(Api.placement(scheduleId))
                .post("/reservations"));
        forbidden(as(identity().staff()).contentType(ContentType.JSON).body(Api.placement(scheduleId))
                .post("/reservations"));
        forbidden(as(identity().admin()).contentType(ContentType.JSON).body(Api.placement(scheduleId))
                .post("/reservations"));
        forbidden(as(identity().service()).contentType(ContentType.JSON).body(Api.placement(scheduleId))
                .post("/reservations"));
        // a customer account without a phone number owns nothing and cannot place
        as(phoneless()).contentType(ContentType.JSON).body(Api.placement(scheduleId)).post("/reservations")
                .then().statusCode(403).contentType(startsWith(PROBLEM))
                .body("type", equalTo("https://animal-hospital.example/problems/phone-required"));
        assertThat(reservations()).isEqualTo(before);

        // a customer places for their own phone, whatever else they send
        ReservationFlowTest.place(scheduleId, other).then().statusCode(201).body("phone", equalTo(other));
        assertThat(reservations()).isEqualTo(before + 1);
    }

    @Test
    void readingOne() {
        unauthenticated(given().get(path()));
        forbidden(as(identity().noRole()).get(path()));
        forbidden(as(identity().service()).get(path()));
        notFound(Api.customer(other).get(path()));
        as(phoneless()).get(path()).then().statusCode(403).contentType(startsWith(PROBLEM));
        Api.customer(owner).get(path()).then().statusCode(200).body("id", equalTo(id)).body("phone", equalTo(owner));
        Api.staff().get(path()).then().statusCode(200).body("id", equalTo(id));
        as(identity().admin()).get(path()).then().statusCode(200).body("id", equalTo(id));
        // another customer's reservation answers exactly as one that does not exist
        Response missing = Api.customer(other).get("/reservations/" + UUID.randomUUID());
        Response othersOne = Api.customer(other).get(path());
        assertThat(othersOne.statusCode()).isEqualTo(missing.statusCode());
        assertThat(othersOne.jsonPath().getString("title")).isEqualTo(missing.jsonPath().getString("title"));
    }

    @Test
    void listingByPhone() {
        unauthenticated(given().queryParam("phone", owner).get("/reservations"));
        forbidden(as(identity().noRole()).queryParam("phone", owner).get("/reservations"));
        forbidden(as(identity().service()).queryParam("phone", owner).get("/reservations"));
        // another customer naming the owner's phone is refused, as for a phone without any reservation
        forbidden(Api.customer(other).queryParam("phone", owner).get("/reservations"));
        forbidden(Api.customer(other).queryParam("phone", Api.newPhone()).get("/reservations"));
        // without a phone a customer gets their own list, in which the owner's reservation is not
        Api.customer(other).get("/reservations").then().statusCode(200).body("id", not(hasItem(id)))
                .body("phone", everyItem(equalTo(other)));
        Api.customer(owner).get("/reservations").then().statusCode(200).body("id", hasItem(id));
        Api.customer(owner).queryParam("phone", owner.replace("-", "")).get("/reservations").then().statusCode(200)
                .body("id", hasItem(id));
        Api.staff().queryParam("phone", owner).get("/reservations").then().statusCode(200).body("id", hasItem(id));
        as(identity().admin()).queryParam("phone", owner).get("/reservations").then().statusCode(200)
                .body("id", hasItem(id));
        // staff may list every customer's reservations (issue 18's work list), one page at a time
        Api.staff().get("/reservations").then().statusCode(200).header("X-Total-Count", not(equalTo("0")));
    }

    @Test
    void changing() {
        String change = "{\"petName\":\"Nabi\"}";
        unauthenticated(given().contentType(ContentType.JSON).body(change).patch(path()));
        forbidden(as(identity().noRole()).contentType(ContentType.JSON).body(change).patch(path()));
        forbidden(as(identity().staff()).contentType(ContentType.JSON).body(change).patch(path()));
        forbidden(as(identity().admin()).contentType(ContentType.JSON).body(change).patch(path()));
        forbidden(as(identity().service()).contentType(ContentType.JSON).body(change).patch(path()));
        notFound(Api.customer(other).contentType(ContentType.JSON).body(change).patch(path()));
        Api.staff().get(path()).then().body("petName", equalTo("Bori"));

        Api.customer(owner).contentType(ContentType.JSON).body(change).patch(path()).then().statusCode(200)
                .body("petName", equalTo("Nabi"));
    }

    @Test
    void cancelling() {
        unauthenticated(given().delete(path()));
        forbidden(as(identity().noRole()).delete(path()));
        forbidden(as(identity().staff()).delete(path()));
        forbidden(as(identity().admin()).delete(path()));
        forbidden(as(identity().service()).delete(path()));
        notFound(Api.customer(other).delete(path()));
        Api.staff().get(path()).then().body("status", equalTo("RESERVED"));

        Api.customer(owner).delete(path()).then().statusCode(200).body("status", equalTo("CANCELLED"));
    }

    @Test
    void everyUnacceptableTokenIs401OnAWriteAndARead() {
        long before = reservations();
        int booked = DiagnosisService.booked(scheduleId);
        for (Map.Entry<String, String> bad : identity().badTokens().entrySet()) {
            Response write = as(bad.getValue()).contentType(ContentType.JSON).body(Api.placement(scheduleId))
                    .post("/reservations");
            assertThat(write.statusCode()).as("placing with the %s token", bad.getKey()).isEqualTo(401);
            assertThat(write.contentType()).as(bad.getKey()).startsWith(PROBLEM);
            Response change = as(bad.getValue()).contentType(ContentType.JSON).body("{\"petName\":\"Nabi\"}")
                    .patch(path());
            assertThat(change.statusCode()).as("changing with the %s token", bad.getKey()).isEqualTo(401);
            Response read = as(bad.getValue()).get(path());
            assertThat(read.statusCode()).as("reading with the %s token", bad.getKey()).isEqualTo(401);
            assertThat(read.contentType()).as(bad.getKey()).startsWith(PROBLEM);
        }
        assertThat(reservations()).isEqualTo(before);
        assertThat(DiagnosisService.booked(scheduleId)).isEqualTo(booked);
        Api.staff().get(path()).then().body("petName", equalTo("Bori"));
    }

    @Test
    void realKeycloakTokens() {
        String customerA = identity().keycloakToken(TestIdentity.CUSTOMER_A);
        String customerB = identity().keycloakToken(TestIdentity.CUSTOMER_B);
        String placed = as(customerA).contentType(ContentType.JSON).body(Api.placement(scheduleId))
                .post("/reservations").then().statusCode(201).body("phone", equalTo(TestIdentity.PHONE_A))
                .extract().path("id");
        String mine = "/reservations/" + placed;
        as(customerA).get(mine).then().statusCode(200);
        as(customerA).get("/reservations").then().statusCode(200).body("id", hasItem(placed));
        notFound(as(customerB).get(mine));
        notFound(as(customerB).contentType(ContentType.JSON).body("{\"petName\":\"Nabi\"}").patch(mine));
        notFound(as(customerB).delete(mine));
        forbidden(as(customerB).queryParam("phone", TestIdentity.PHONE_A).get("/reservations"));
        forbidden(as(identity().keycloakToken(TestIdentity.NO_ROLE)).get(mine));
        forbidden(as(identity().keycloakServiceToken()).get(mine));
        String staff = identity().keycloakToken(TestIdentity.STAFF);
        forbidden(as(staff).delete(mine));
        as(staff).get(mine).then().statusCode(200);
        as(identity().keycloakToken(TestIdentity.ADMIN)).queryParam("phone", TestIdentity.PHONE_A)
                .get("/reservations").then().statusCode(200).body("id", hasItem(placed));
        as(customerA).contentType(ContentType.JSON).body("{\"petName\":\"Nabi\"}").patch(mine).then().statusCode(200);
        as(customerA).delete(mine).then().statusCode(200).body("status", equalTo("CANCELLED"));
    }

    private String path() {
        return "/reservations/" + id;
    }

    private static RequestSpecification as(String token) {
        return given().auth().oauth2(token);
    }

    /** A customer whose account has no phone number. */
    private static String phoneless() {
        return identity().sign(identity().claims("phoneless", List.of("customer"), null));
    }

    private static long reservations() {
        return db.count("SELECT count(*) FROM reservation");
    }

    private static void unauthenticated(Response response) {
        response.then().statusCode(401).contentType(startsWith(PROBLEM)).body("status", equalTo(401));
    }

    private static void forbidden(Response response) {
        response.then().statusCode(403).contentType(startsWith(PROBLEM)).body("status", equalTo(403));
    }

    private static void notFound(Response response) {
        response.then().statusCode(404).contentType(startsWith(PROBLEM))
                .body("type", equalTo("https://animal-hospital.example/problems/reservation-not-found"));
    }
}
