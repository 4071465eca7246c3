package io.animalhospital.billing;

import static io.animalhospital.billing.Clinic.asStaff;
import static io.animalhospital.billing.Clinic.awaitBill;
import static io.animalhospital.billing.Clinic.sendTreated;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.is;

import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;

import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.animalhospital.infra.TestDatabase;
import io.animalhospital.infra.TestKafka;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.response.Response;

/**
 * Hostile input to the one write billing takes (SPEC §3 "Bad input"): each gets a precise 400 as problem details,
 * and the bill stays unpaid with no payment stored.
 */
@QuarkusTest
class HostilePaymentTest {

    private static final String PROBLEM_JSON = "application/problem+json";
    private static final String PAYMENT = "{\"amount\":10000,\"method\":\"CARD\"}";
    private static TestKafka kafka;
    private static TestDatabase db;

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
    void aNulOrOtherControlCharacterInTheMethodIsA400NamingIt() {
        String billId = issueBill();
        for (String method : List.of("CARD\\u0000", "\\u0000CARD", "CA\\u0001RD", "CARD\\u007f")) {
            refused(pay(billId, UUID.randomUUID().toString(), "{\"amount\":10000,\"method\":\"" + method + "\"}"))
                    .body("violations.field", hasItem("method"));
        }
        assertUnpaid(billId);
    }

    @Test
    void aControlCharacterInTheIdempotencyKeyIsA400() throws Exception {
        String billId = issueBill();
        for (String key : List.of("key\u0001one", "\u001b[31mred", "key\u007f", "key\u0000")) {
            // Raw bytes on a socket: HTTP client libraries clean such headers up before sending them. The HTTP
            // codec refuses them before any resource runs (a bare 400: no problem details at that level).
            assertThat(rawPayment(billId, key)).as(key).startsWith("HTTP/1.1 400");
        }
        assertUnpaid(billId);
    }

    @Test
    void contentAfterTheJsonDocumentIsA400AndPaysNothing() {
        String billId = issueBill();
        for (String body : List.of(PAYMENT + " {}", PAYMENT + PAYMENT, PAYMENT + "\n" + PAYMENT, PAYMENT + "x",
                PAYMENT + "]", PAYMENT + "}", PAYMENT + ",", PAYMENT + " \"tip\"", PAYMENT + " 1", PAYMENT + " null",
                PAYMENT + "\u0000")) {
            assertThat(pay(billId, UUID.randomUUID().toString(), body).statusCode()).as(body).isEqualTo(400);
        }
        assertUnpaid(billId);
    }

    @Test
    void controlCharactersInTheAddressAreA400() {
        String billId = issueBill();
        refused(asStaff().urlEncodingEnabled(false).get("/bills?reservationId=%00"));
        refused(asStaff().urlEncodingEnabled(false).get("/bills/" + billId + "%00"));
        refused(asStaff().urlEncodingEnabled(false).contentType("application/json")
                .header("Idempotency-Key", UUID.randomUUID().toString()).body(PAYMENT)
                .post("/bills/" + billId + "%00/payments"));
        assertUnpaid(billId);
    }

    /** A payment as raw HTTP/1.1, the header's bytes exactly as given; returns the whole answer. */
    private static String rawPayment(String billId, String key) throws java.io.IOException {
        byte[] body = PAYMENT.getBytes(StandardCharsets.UTF_8);
        try (Socket socket = new Socket("localhost", RestAssured.port)) {
            socket.setSoTimeout(10_000);
            String head = "POST /bills/" + billId + "/payments HTTP/1.1\r\nHost: localhost\r\n"
                    + "Authorization: Bearer " + Clinic.identity().staff() + "\r\n"
                    + "Content-Type: application/json\r\nContent-Length: " + body.length + "\r\n"
                    + "Connection: close\r\nIdempotency-Key: " + key + "\r\n\r\n";
            OutputStream out = socket.getOutputStream();
            out.write(head.getBytes(StandardCharsets.ISO_8859_1));
            out.write(body);
            out.flush();
            return new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static String issueBill() {
        UUID reservationId = UUID.randomUUID();
        sendTreated(kafka, UUID.randomUUID(), reservationId);
        return awaitBill(reservationId).get("id").asText();
    }

    private static Response pay(String billId, String key, String body) {
        return asStaff().contentType("application/json").header("Idempotency-Key", key).body(body)
                .post("/bills/" + billId + "/payments");
    }

    private static io.restassured.response.ValidatableResponse refused(Response response) {
        return response.then().statusCode(400).contentType(PROBLEM_JSON).body("status", is(400));
    }

    private static void assertUnpaid(String billId) {
        assertThat(db.count("SELECT count(*) FROM payment WHERE bill_id = ?", UUID.fromString(billId))).isZero();
        asStaff().get("/bills/" + billId).then().statusCode(200).body("status", equalTo("ISSUED"));
    }
}
