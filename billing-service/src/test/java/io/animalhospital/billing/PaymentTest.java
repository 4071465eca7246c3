package io.animalhospital.billing;

import static io.animalhospital.billing.Clinic.BILLING_EVENTS;
import static io.animalhospital.billing.Clinic.awaitBill;
import static io.animalhospital.billing.Clinic.json;
import static io.animalhospital.billing.Clinic.sendTreated;
import static io.animalhospital.billing.Clinic.asStaff;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.startsWith;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.stream.IntStream;

import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import io.animalhospital.infra.TestDatabase;
import io.animalhospital.infra.TestKafka;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.response.Response;
import io.restassured.response.ValidatableResponse;

/** {@code POST /bills/{id}/payments}: paid once, retries answered from the first payment, bad input refused whole. */
@QuarkusTest
class PaymentTest {

    private static final String PROBLEM_JSON = "application/problem+json";
    private static TestKafka kafka;
    private static TestDatabase db;
    private static String bootstrapServers;

    @BeforeAll
    static void connect() {
        bootstrapServers = ConfigProvider.getConfig().getValue("kafka.bootstrap.servers", String.class);
        kafka = new TestKafka(bootstrapServers);
        db = new TestDatabase(ConfigProvider.getConfig().getValue("quarkus.datasource.jdbc.url", String.class));
    }

    @AfterAll
    static void close() {
        kafka.close();
    }

    @Test
    void aRetriedPaymentGetsTheFirstAnswerAndPaysOnce() {
        JsonNode bill = issueBill("XRAY", 1);
        String billId = bill.get("id").asText();
        String key = UUID.randomUUID().toString();

        Response first = pay(billId, key, "{\"amount\":40000,\"method\":\"CARD\"}");
        first.then().statusCode(201).contentType("application/json")
                .header("Location", startsWith("http")).header("Location", org.hamcrest.Matchers.endsWith("/bills/" + billId))
                .body("id", equalTo(billId))
                .body("status", equalTo("PAID"))
                .body("total", equalTo(40000))
                .body("method", equalTo("CARD"))
                .body("paidAt", notNullValue());
        Response again = pay(billId, key, "{\"amount\":40000,\"method\":\"CARD\"}");
        again.then().statusCode(201).header("Idempotent-Replayed", "true");
        assertThat(json(again.asString())).isEqualTo(json(first.asString()));
        assertThat(json(asStaff().get("/bills/" + billId).then().statusCode(200).extract().asString()))
                .isEqualTo(json(first.asString()));

        assertThat(payments(billId)).isEqualTo(1);
        Clinic.awaitOutboxRelayed(db);
        List<JsonNode> paid = Clinic.events(Clinic.readAll(bootstrapServers, BILLING_EVENTS), "BillPaid", billId);
        assertThat(paid).hasSize(1);
        assertThat(paid.get(0).get("reservationId").asText()).isEqualTo(bill.get("reservationId").asText());
        assertThat(paid.get(0).get("status").asText()).isEqualTo("PAID");
        assertThat(paid.get(0).get("method").asText()).isEqualTo("CARD");
        assertThat(paid.get(0).get("total").asLong()).isEqualTo(40000);
        assertThat(paid.get(0).get("currency").asText()).isEqualTo("KRW");
        assertThat(paid.get(0).get("paidAt").asText()).isEqualTo(json(first.asString()).get("paidAt").asText());
    }

    @Test
    void concurrentRetriesOfOnePaymentPayOnce() {
        String billId = issueBill("BLOOD_TEST", 2).get("id").asText();
        String key = UUID.randomUUID().toString();

        List<Response> answers = IntStream.range(0, 6)
                .mapToObj(i -> CompletableFuture.supplyAsync(() -> pay(billId, key, "{\"amount\":60000,\"method\":\"CASH\"}")))
                .toList().stream().map(CompletableFuture::join).toList();

        assertThat(answers).allSatisfy(a -> assertThat(a.statusCode()).isEqualTo(201));
        assertThat(answers.stream().map(a -> json(a.asString())).distinct()).hasSize(1);
        assertThat(answers.stream().filter(a -> a.header("Idempotent-Replayed") == null)).hasSize(1);
        assertThat(payments(billId)).isEqualTo(1);
    }

    @Test
    void concurrentPaymentsUnderDifferentKeysPayOnce() {
        String billId = issueBill().get("id").asText();

        List<Integer> statuses = IntStream.range(0, 6)
                .mapToObj(i -> CompletableFuture.supplyAsync(() -> pay(billId, UUID.randomUUID().toString(),
                        "{\"amount\":10000,\"method\":\"TRANSFER\"}").statusCode()))
                .toList().stream().map(CompletableFuture::join).toList();

        assertThat(statuses).containsOnly(201, 409);
        assertThat(statuses.stream().filter(s -> s == 201)).hasSize(1);
        assertThat(payments(billId)).isEqualTo(1);
    }

    @Test
    void aPaidBillCannotBePaidAgainUnderAnotherKey() {
        String billId = issueBill().get("id").asText();
        pay(billId, "first-" + UUID.randomUUID(), "{\"amount\":10000,\"method\":\"CASH\"}").then().statusCode(201);

        problem(pay(billId, "second-" + UUID.randomUUID(), "{\"amount\":10000,\"method\":\"CASH\"}"), 409)
                .body("title", equalTo("Bill already paid"));
        assertThat(payments(billId)).isEqualTo(1);
    }

    @Test
    void theSameKeyForADifferentPaymentIsRefused() {
        String billId = issueBill().get("id").asText();
        String key = UUID.randomUUID().toString();
        pay(billId, key, "{\"amount\":10000,\"method\":\"CASH\"}").then().statusCode(201);

        problem(pay(billId, key, "{\"amount\":10000,\"method\":\"CARD\"}"), 422)
                .body("title", equalTo("Idempotency-Key reused"));
        assertThat(db.query("SELECT method FROM payment WHERE bill_id = ?", UUID.fromString(billId)))
                .extracting(row -> row.get("method")).containsExactly("CASH");
    }

    @Test
    void aWrongAmountIsRefusedAndLeavesTheBillUnpaid() {
        String billId = issueBill("XRAY", 1).get("id").asText();
        String key = UUID.randomUUID().toString();

        problem(pay(billId, key, "{\"amount\":39999,\"method\":\"CARD\"}"), 422)
                .body("title", equalTo("Wrong amount"))
                .body("detail", org.hamcrest.Matchers.containsString("40000"));
        problem(pay(billId, key, "{\"amount\":40001,\"method\":\"CARD\"}"), 422);
        assertUntouched(billId);

        // Nothing was stored under the key: the same key with the right amount pays.
        pay(billId, key, "{\"amount\":40000,\"method\":\"CARD\"}").then().statusCode(201).body("status", equalTo("PAID"));
        Clinic.awaitOutboxRelayed(db);
        assertThat(Clinic.events(Clinic.readAll(bootstrapServers, BILLING_EVENTS), "BillPaid", billId)).hasSize(1);
    }

    @Test
    void badRequestsAreRefusedWhole() {
        String billId = issueBill().get("id").asText();
        String key = UUID.randomUUID().toString();

        problem(pay(billId, key, "{\"amount\":10000,"), 400).body("title", equalTo("Malformed JSON"));
        problem(pay(billId, key, "{\"amount\":10000,\"method\":\"CARD\",\"tip\":1000}"), 400)
                .body("title", equalTo("Unknown field"));
        problem(pay(billId, key, "{\"amount\":10000}"), 400).body("violations[0].field", equalTo("method"));
        problem(pay(billId, key, "{\"method\":\"CARD\"}"), 400).body("violations[0].field", equalTo("amount"));
        problem(pay(billId, key, "{\"amount\":10000,\"method\":\"BITCOIN\"}"), 400);
        problem(pay(billId, key, "{\"amount\":10000,\"method\":\"card\"}"), 400);
        problem(pay(billId, key, "{\"amount\":\"10000\",\"method\":\"CARD\"}"), 400);
        problem(pay(billId, key, "{\"amount\":10000.5,\"method\":\"CARD\"}"), 400);
        problem(pay(billId, key, "{\"amount\":-10000,\"method\":\"CARD\"}"), 400);
        problem(pay(billId, key, "{\"amount\":99999999999999999999,\"method\":\"CARD\"}"), 400);
        problem(pay(billId, key, "[]"), 400);
        problem(pay(billId, key, ""), 400);
        problem(pay(billId, key, "null"), 400);
        problem(pay(billId, key, "{\"amount\":10000,\"method\":\"CARD\"} {}"), 400);
        problem(asStaff().contentType("application/json").body("{\"amount\":10000,\"method\":\"CARD\"}")
                .post("/bills/" + billId + "/payments"), 400).body("detail", containsIgnoringCase("Idempotency-Key"));
        problem(pay(billId, "k".repeat(256), "{\"amount\":10000,\"method\":\"CARD\"}"), 400);
        problem(asStaff().contentType("text/plain").header("Idempotency-Key", key).body("amount=10000")
                .post("/bills/" + billId + "/payments"), 415);
        problem(pay(billId, key, "{\"amount\":10000,\"method\":\"CARD\",\"note\":\"" + "x".repeat(70 * 1024) + "\"}"),
                413);
        assertUntouched(billId);
    }

    @Test
    void otherHttpErrorsAreProblemsToo() throws Exception {
        String billId = issueBill().get("id").asText();
        problem(asStaff().delete("/bills/" + billId), 405);
        problem(asStaff().put("/bills/" + billId + "/payments"), 405);
        problem(asStaff().get("/no-such-resource"), 404);

        // A chunked body (no Content-Length) is cut off by Quarkus at the same 64 KiB: 413, though without a body.
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        byte[] padded = ("{\"amount\":10000,\"method\":\"CARD\"" + " ".repeat(70 * 1024) + "}")
                .getBytes(StandardCharsets.UTF_8);
        HttpResponse<String> chunked = client.send(HttpRequest.newBuilder(URI.create(RestAssured.baseURI + ":"
                + RestAssured.port + "/bills/" + billId + "/payments"))
                .header("Content-Type", "application/json").header("Idempotency-Key", UUID.randomUUID().toString())
                .header("Authorization", "Bearer " + Clinic.identity().staff())
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(padded)))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(chunked.statusCode()).isEqualTo(413);
        assertUntouched(billId);
    }

    @Test
    void unknownBillsAreNotFound() {
        problem(pay(UUID.randomUUID().toString(), "k", "{\"amount\":10000,\"method\":\"CARD\"}"), 404)
                .body("title", equalTo("Bill not found"));
        problem(pay("not-a-uuid", "k", "{\"amount\":10000,\"method\":\"CARD\"}"), 404);
        problem(asStaff().get("/bills/" + UUID.randomUUID()), 404);
        problem(asStaff().get("/bills/not-a-uuid"), 404);
        problem(asStaff().queryParam("reservationId", "not-a-uuid").get("/bills"), 400);
        // no filter: staff's whole list of bills, one page (issue 18)
        asStaff().get("/bills").then().statusCode(200);
        assertThat(db.count("SELECT count(*) FROM payment WHERE idempotency_key = 'k'")).isZero();
    }

    private static JsonNode issueBill(Object... codesAndQuantities) {
        UUID reservationId = UUID.randomUUID();
        sendTreated(kafka, UUID.randomUUID(), reservationId, codesAndQuantities);
        return awaitBill(reservationId);
    }

    private static Response pay(String billId, String key, String body) {
        return asStaff().contentType("application/json").header("Idempotency-Key", key).body(body)
                .post("/bills/" + billId + "/payments");
    }

    private static ValidatableResponse problem(Response response, int status) {
        return response.then().statusCode(status).contentType(PROBLEM_JSON)
                .body("status", is(status))
                .body("type", notNullValue())
                .body("title", notNullValue())
                .body("detail", notNullValue());
    }

    private static org.hamcrest.Matcher<String> containsIgnoringCase(String text) {
        return org.hamcrest.Matchers.containsStringIgnoringCase(text);
    }

    private void assertUntouched(String billId) {
        assertThat(payments(billId)).isZero();
        asStaff().get("/bills/" + billId).then().statusCode(200)
                .body("status", equalTo("ISSUED")).body("paidAt", org.hamcrest.Matchers.nullValue())
                .body("method", org.hamcrest.Matchers.nullValue());
        assertThat(db.count("SELECT count(*) FROM bill WHERE id = ? AND status = 'ISSUED' AND paid_at IS NULL",
                UUID.fromString(billId))).isEqualTo(1);
    }

    private static long payments(String billId) {
        return db.count("SELECT count(*) FROM payment WHERE bill_id = ?", UUID.fromString(billId));
    }
}
