package io.animalhospital.billing;

import static io.animalhospital.billing.Clinic.as;
import static io.animalhospital.billing.Clinic.asStaff;
import static io.animalhospital.billing.Clinic.awaitBill;
import static io.animalhospital.billing.Clinic.placed;
import static io.animalhospital.billing.Clinic.sendTreated;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.animalhospital.infra.TestDatabase;
import io.animalhospital.infra.TestIdentity;
import io.animalhospital.infra.TestKafka;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;
import io.restassured.specification.RequestSpecification;

/**
 * The bills' list (issue 18): staff see every bill by status (ISSUED = unpaid), a customer the bills of their own
 * reservations only; pages in a stable order (issuedAt, id) with lines, and the headers of decision 0060.
 */
@QuarkusTest
class BillListTest {

    private static final String PROBLEM = "application/problem+json";
    private static final TestIdentity identity = TestIdentity.fromConfig();

    private static String owner;
    /** The owner's three bills in the order they were issued; the first is paid. */
    private static final List<String> bills = new ArrayList<>();
    private static String othersBill;

    @BeforeEach
    void threeBillsOfOneCustomer() {
        if (owner != null) {
            return;
        }
        String phone = newPhone();
        try (TestKafka kafka = new TestKafka(ConfigProvider.getConfig().getValue("kafka.bootstrap.servers", String.class))) {
            TestDatabase db = new TestDatabase(
                    ConfigProvider.getConfig().getValue("quarkus.datasource.jdbc.url", String.class));
            for (int i = 0; i < 3; i++) {
                UUID reservationId = UUID.randomUUID();
                placed(kafka, db, reservationId, phone);
                sendTreated(kafka, UUID.randomUUID(), reservationId, "XRAY", 1);
                // One at a time, so that issuedAt orders them.
                bills.add(awaitBill(reservationId).get("id").asText());
            }
            UUID others = UUID.randomUUID();
            placed(kafka, db, others, newPhone());
            sendTreated(kafka, UUID.randomUUID(), others);
            othersBill = awaitBill(others).get("id").asText();
        }
        as(identity.customer(phone)).contentType("application/json").header("Idempotency-Key", UUID.randomUUID().toString())
                .body("{\"amount\":" + asStaff().get("/bills/" + bills.get(0)).then().extract().path("total")
                        + ",\"method\":\"CARD\"}")
                .post("/bills/" + bills.get(0) + "/payments").then().statusCode(201);
        owner = phone;
    }

    @Test
    void aCustomerPagesThroughTheirOwnBillsInIssueOrder() {
        List<String> seen = new ArrayList<>();
        seen.addAll(list(customer().queryParam("size", 2)).statusCode(200).header("X-Total-Count", "3")
                .header("Link", containsString("</bills?page=1&size=2>; rel=\"next\""))
                .body("[0].lines", not(empty()))
                .extract().jsonPath().getList("id", String.class));
        seen.addAll(list(customer().queryParam("size", 2).queryParam("page", 1)).statusCode(200)
                .body("$", hasSize(1)).header("Link", not(containsString("rel=\"next\"")))
                .header("Link", containsString("</bills?page=0&size=2>; rel=\"prev\""))
                .extract().jsonPath().getList("id", String.class));
        assertThat(seen).containsExactlyElementsOf(bills);
        list(customer().queryParam("size", 100)).body("id", not(hasItem(othersBill)));
    }

    @Test
    void unpaidBillsAreTheIssuedStatus() {
        list(customer().queryParam("status", "ISSUED")).statusCode(200).header("X-Total-Count", "2")
                .body("id", contains(bills.get(1), bills.get(2))).body("status", everyItem(equalTo("ISSUED")));
        list(customer().queryParam("status", "PAID")).statusCode(200).body("id", contains(bills.get(0)));
        list(asStaff().queryParam("status", "ISSUED").queryParam("size", 100)).statusCode(200)
                .body("status", everyItem(equalTo("ISSUED"))).body("id", not(hasItem(bills.get(0))));
    }

    @Test
    void staffSeeEveryBillACustomerNotAnothersReservation() {
        String othersReservation = asStaff().get("/bills/" + othersBill).then().extract().path("reservationId");
        list(asStaff().queryParam("reservationId", othersReservation)).statusCode(200).body("id", contains(othersBill));
        list(customer().queryParam("reservationId", othersReservation)).statusCode(404).contentType(PROBLEM);
        list(as(identity.customer(newPhone()))).statusCode(200).header("X-Total-Count", "0").body("$", empty());
    }

    @Test
    void onlyAccountsWithARoleList() {
        list(given()).statusCode(401).contentType(PROBLEM);
        list(as(identity.noRole())).statusCode(403).contentType(PROBLEM);
    }

    @Test
    void unusableParametersAreA400NamingThem() {
        invalid(list(asStaff().queryParam("size", 101)), "size");
        invalid(list(asStaff().queryParam("page", -1)), "page");
        invalid(list(asStaff().queryParam("size", "abc")), "size");
        invalid(list(asStaff().queryParam("status", "UNPAID")), "status");
        invalid(list(asStaff().queryParam("reservationId", "not-a-uuid")), "reservationId");
    }

    /** A phone no other test uses. */
    private static String newPhone() {
        int n = Math.floorMod(UUID.randomUUID().hashCode(), 100_000_000);
        return String.format("010-%04d-%04d", n / 10_000, n % 10_000);
    }

    private static RequestSpecification customer() {
        return as(identity.customer(owner));
    }

    private static ValidatableResponse list(RequestSpecification request) {
        return request.get("/bills").then();
    }

    private static void invalid(ValidatableResponse response, String parameter) {
        response.statusCode(400).contentType(PROBLEM).body("violations.field", contains(parameter));
    }
}
