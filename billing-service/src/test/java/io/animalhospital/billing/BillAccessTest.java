package io.animalhospital.billing;

import static io.animalhospital.billing.Clinic.as;
import static io.animalhospital.billing.Clinic.awaitBill;
import static io.animalhospital.billing.Clinic.placed;
import static io.animalhospital.billing.Clinic.sendTreated;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Function;

import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import io.animalhospital.infra.TestDatabase;
import io.animalhospital.infra.TestIdentity;
import io.animalhospital.infra.TestKafka;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;

/**
 * SPEC §7 for bills: a customer reads and pays the bills of their own reservations (whose they are is learnt from
 * reservation-events), staff read every bill and record payments at the desk; anyone else gets 401 without a valid
 * token, 403 with the wrong role, and another customer's bill is 404 as if it did not exist.
 */
@QuarkusTest
class BillAccessTest {

    private static final String PROBLEM_JSON = "application/problem+json";
    private static final String PAYMENT = "{\"amount\":10000,\"method\":\"CARD\"}";

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

    /** An endpoint of billing, called on one bill as the given request. */
    private record Endpoint(String name, Function<RequestSpecification, Response> call, int success) {
    }

    private static List<Endpoint> endpoints(JsonNode bill) {
        String id = bill.get("id").asText();
        String reservationId = bill.get("reservationId").asText();
        return List.of(
                new Endpoint("GET /bills/{id}", r -> r.get("/bills/" + id), 200),
                new Endpoint("GET /bills?reservationId=", r -> r.queryParam("reservationId", reservationId).get("/bills"),
                        200),
                new Endpoint("POST /bills/{id}/payments", r -> r.contentType("application/json")
                        .header("Idempotency-Key", UUID.randomUUID().toString()).body(PAYMENT)
                        .post("/bills/" + id + "/payments"), 201));
    }

    @Test
    void everyEndpointAnswersEachKindOfCallerAsSection7Says() {
        String phone = randomPhone();
        // The same refusals for every endpoint on one bill; nothing may pay it.
        JsonNode bill = ownedBill(phone);
        // What a customer gets for a bill (and a reservation) that does not exist at all.
        Map<String, io.restassured.path.json.JsonPath> unknown = new java.util.HashMap<>();
        JsonNode nowhere = Clinic.json("{\"id\":\"" + UUID.randomUUID() + "\",\"reservationId\":\"" + UUID.randomUUID()
                + "\"}");
        for (Endpoint endpoint : endpoints(nowhere)) {
            Response answer = endpoint.call().apply(as(identity.customer(phone)));
            problem(answer, 404, endpoint);
            unknown.put(endpoint.name(), answer.jsonPath());
        }
        for (Endpoint endpoint : endpoints(bill)) {
            problem(endpoint.call().apply(given()), 401, endpoint).header("WWW-Authenticate", startsWith("Bearer"));
            problem(endpoint.call().apply(as(identity.noRole())), 403, endpoint);
            // reservation-service's service account is not a person of the clinic.
            problem(endpoint.call().apply(as(identity.service())), 403, endpoint);
            // A customer's account without a phone owns nothing.
            problem(endpoint.call().apply(as(identity.sign(identity.claims("no-phone", List.of("customer"), null)))),
                    403, endpoint).body("title", equalTo("Phone number required"));
            // Another customer's bill is answered exactly as one that does not exist: nothing tells them apart.
            problem(endpoint.call().apply(as(identity.customer(randomPhone()))), 404, endpoint)
                    .body("type", equalTo(unknown.get(endpoint.name()).getString("type")))
                    .body("title", equalTo(unknown.get(endpoint.name()).getString("title")));
        }
        assertUnpaid(bill);

        // The owner (in any written form of their phone), staff and admin: each on a bill of its own, since paying
        // the first would make the others' payments 409.
        List<String> allowed = List.of(identity.customer(phone.replace("-", "")), identity.staff(), identity.admin());
        for (String token : allowed) {
            JsonNode own = ownedBill(phone);
            for (Endpoint endpoint : endpoints(own)) {
                endpoint.call().apply(as(token)).then().statusCode(endpoint.success());
            }
            assertThat(payments(own)).isEqualTo(1);
        }
    }

    @Test
    void everyBadTokenIsA401OnAReadAndAPaymentAndPaysNothing() {
        JsonNode bill = ownedBill(randomPhone());
        for (Map.Entry<String, String> bad : identity.badTokens().entrySet()) {
            for (Endpoint endpoint : endpoints(bill)) {
                Response answer = endpoint.call().apply(as(bad.getValue()));
                assertThat(answer.statusCode()).as(bad.getKey() + " on " + endpoint.name()).isEqualTo(401);
                assertThat(answer.contentType()).as(bad.getKey()).startsWith(PROBLEM_JSON);
                assertThat(answer.header("WWW-Authenticate")).as(bad.getKey()).startsWith("Bearer");
            }
        }
        assertUnpaid(bill);
    }

    @Test
    void realKeycloakTokens() {
        // reservation-service may have stored the phone without hyphens (before normalisation): still customer-a's.
        JsonNode bill = ownedBill(TestIdentity.PHONE_A.replace("-", ""));
        String id = bill.get("id").asText();
        String customerA = identity.keycloakToken(TestIdentity.CUSTOMER_A);

        String staff = identity.keycloakToken(TestIdentity.STAFF);
        as(identity.keycloakToken(TestIdentity.CUSTOMER_B)).get("/bills/" + id).then().statusCode(404);
        as(identity.keycloakToken(TestIdentity.NO_ROLE)).get("/bills/" + id).then().statusCode(403);
        as(identity.keycloakServiceToken()).get("/bills/" + id).then().statusCode(403);
        as(staff).get("/bills/" + id).then().statusCode(200);
        as(identity.keycloakToken(TestIdentity.ADMIN)).queryParam("reservationId", bill.get("reservationId").asText())
                .get("/bills").then().statusCode(200).body("id", equalTo(List.of(id)));
        as(customerA).queryParam("reservationId", bill.get("reservationId").asText()).get("/bills").then()
                .statusCode(200).body("id", equalTo(List.of(id)));
        as(customerA).contentType("application/json").header("Idempotency-Key", UUID.randomUUID().toString())
                .body(PAYMENT).post("/bills/" + id + "/payments").then().statusCode(201)
                .body("status", equalTo("PAID"))
                .body("paidBy.name", equalTo("customer-a Test"))
                .body("paidBy.desk", is(false));
        as(staff).get("/bills/" + id).then().statusCode(200).body("paidBy.name", equalTo("customer-a Test"));
        // A token Keycloak issued to customer-a's account names its subject: the payer is that account.
        assertThat(db.query("SELECT paid_by_subject FROM payment WHERE bill_id = ?", UUID.fromString(id)))
                .containsExactly(Map.of("paid_by_subject", subject(customerA)));
    }

    @Test
    void thePaymentRecordsWhoPaidOrRecordedIt() {
        String phone = randomPhone();
        String customer = identity.customer(phone);
        JsonNode paidOnline = ownedBill(phone);
        String customerSubject = subject(customer);
        pay(customer, paidOnline).then().statusCode(201)
                .body("paidBy.subject", equalTo(customerSubject))
                .body("paidBy.name", equalTo("customer:" + phone + " Test"))
                .body("paidBy.desk", is(false));

        JsonNode paidAtDesk = ownedBill(phone);
        String staff = identity.staff();
        pay(staff, paidAtDesk).then().statusCode(201)
                .body("paidBy.subject", equalTo(subject(staff)))
                .body("paidBy.name", equalTo("staff Test"))
                .body("paidBy.desk", is(true));
        // The owner sees who took the payment at the desk.
        as(customer).get("/bills/" + paidAtDesk.get("id").asText()).then().statusCode(200)
                .body("paidBy.name", equalTo("staff Test")).body("paidBy.desk", is(true));

        assertThat(db.query("SELECT paid_by_subject, paid_by_name, paid_at_desk FROM payment WHERE bill_id = ?",
                UUID.fromString(paidOnline.get("id").asText())))
                .containsExactly(Map.of("paid_by_subject", customerSubject, "paid_by_name", "customer:" + phone + " Test",
                        "paid_at_desk", false));
        assertThat(db.query("SELECT paid_by_name, paid_at_desk FROM payment WHERE bill_id = ?",
                UUID.fromString(paidAtDesk.get("id").asText())))
                .containsExactly(Map.of("paid_by_name", "staff Test", "paid_at_desk", true));
        // An unpaid bill names no payer.
        as(customer).get("/bills/" + ownedBill(phone).get("id").asText()).then().statusCode(200)
                .body("paidBy", nullValue());
    }

    @Test
    void aBillWhoseOwnerIsNotKnownYetIsStaffsOnlyUntilItIs() {
        UUID reservationId = UUID.randomUUID();
        sendTreated(kafka, UUID.randomUUID(), reservationId, "XRAY", 1);
        JsonNode bill = awaitBill(reservationId);
        String id = bill.get("id").asText();
        String phone = randomPhone();
        String owner = identity.customer(phone);

        for (Endpoint endpoint : endpoints(bill)) {
            problem(endpoint.call().apply(as(owner)), 404, endpoint);
        }
        problem(as(owner).queryParam("reservationId", reservationId.toString()).get("/bills"), 404, null)
                .body("title", equalTo("Reservation not found"));
        as(identity.staff()).get("/bills/" + id).then().statusCode(200);
        assertUnpaid(bill);

        placed(kafka, db, reservationId, phone);

        as(owner).get("/bills/" + id).then().statusCode(200).body("id", equalTo(id));
        as(identity.customer(randomPhone())).get("/bills/" + id).then().statusCode(404);
    }

    @Test
    void aCustomerListsTheBillsOfTheirReservationsOnly() {
        String phone = randomPhone();
        UUID notTreatedYet = UUID.randomUUID();
        placed(kafka, db, notTreatedYet, phone);
        // Their own reservation without a bill yet: an empty list, as for staff.
        as(identity.customer(phone)).queryParam("reservationId", notTreatedYet.toString()).get("/bills").then()
                .statusCode(200).body("", hasSize(0));
        as(identity.staff()).queryParam("reservationId", notTreatedYet.toString()).get("/bills").then()
                .statusCode(200).body("", hasSize(0));
        // Another's reservation, and one billing never heard of, look the same to a customer.
        problem(as(identity.customer(randomPhone())).queryParam("reservationId", notTreatedYet.toString())
                .get("/bills"), 404, null);
        problem(as(identity.customer(phone)).queryParam("reservationId", UUID.randomUUID().toString())
                .get("/bills"), 404, null);
        as(identity.staff()).queryParam("reservationId", UUID.randomUUID().toString()).get("/bills").then()
                .statusCode(200).body("", hasSize(0));
    }

    /** A bill of a reservation billing knows to be the phone's. */
    private static JsonNode ownedBill(String phone) {
        UUID reservationId = UUID.randomUUID();
        placed(kafka, db, reservationId, phone);
        sendTreated(kafka, UUID.randomUUID(), reservationId);
        return awaitBill(reservationId);
    }

    private static Response pay(String token, JsonNode bill) {
        return as(token).contentType("application/json").header("Idempotency-Key", UUID.randomUUID().toString())
                .body(PAYMENT).post("/bills/" + bill.get("id").asText() + "/payments");
    }

    private static io.restassured.response.ValidatableResponse problem(Response response, int status, Endpoint endpoint) {
        assertThat(response.statusCode()).as(endpoint == null ? "status" : endpoint.name()).isEqualTo(status);
        return response.then().contentType(PROBLEM_JSON).body("status", is(status));
    }

    private void assertUnpaid(JsonNode bill) {
        assertThat(payments(bill)).isZero();
        as(identity.staff()).get("/bills/" + bill.get("id").asText()).then().statusCode(200)
                .body("status", equalTo("ISSUED")).body("paidBy", nullValue());
    }

    private static long payments(JsonNode bill) {
        return db.count("SELECT count(*) FROM payment WHERE bill_id = ?", UUID.fromString(bill.get("id").asText()));
    }

    /** The token's subject, as the service reads it. */
    private static String subject(String token) {
        return Clinic.json(new String(java.util.Base64.getUrlDecoder().decode(token.split("\\.")[1]),
                java.nio.charset.StandardCharsets.UTF_8)).get("sub").asText();
    }

    /** A mobile number no other test uses. */
    static String randomPhone() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        return String.format("010-%04d-%04d", random.nextInt(10_000), random.nextInt(10_000));
    }
}
