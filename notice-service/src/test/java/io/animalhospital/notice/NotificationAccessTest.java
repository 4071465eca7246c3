package io.animalhospital.notice;

import static io.animalhospital.notice.Access.as;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.startsWith;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Function;

import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.animalhospital.infra.TestDatabase;
import io.animalhospital.infra.TestIdentity;
import io.animalhospital.infra.TestKafka;
import io.animalhospital.notice.Events.Reservation;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;

/**
 * SPEC §7 for notifications: a customer reads those of their own reservations (the contact phone notice keeps per
 * reservation) and those sent to their own phone; staff read every one. Without a valid token 401, with the wrong
 * role 403; another customer's reservation is 404 as if it did not exist, and another recipient than one's own
 * phone 403 (refused before anything is looked up, so the answer tells nothing about what exists).
 */
@QuarkusTest
class NotificationAccessTest {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final String PROBLEM_JSON = "application/problem+json";
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

    /** One way to ask for a reservation's notifications, as the given request. */
    private record Query(String name, Function<RequestSpecification, Response> call) {
    }

    private static List<Query> queries(Reservation r, String recipient) {
        return List.of(
                new Query("?reservationId=", q -> q.queryParam("reservationId", r.key()).get("/notifications")),
                new Query("?recipient=", q -> q.queryParam("recipient", recipient).get("/notifications")),
                new Query("?reservationId=&recipient=", q -> q.queryParam("reservationId", r.key())
                        .queryParam("recipient", recipient).get("/notifications")));
    }

    @Test
    void everyQueryAnswersEachKindOfCallerAsSection7Says() {
        String phone = randomPhone();
        // reservation-service wrote the phone without hyphens: notice keeps it in its normal form.
        Reservation r = placed(Reservation.of("Coco", phone.replace("-", ""), null));
        List<Query> queries = queries(r, phone);

        for (Query query : queries) {
            problem(query.call().apply(given()), 401, query).header("WWW-Authenticate", startsWith("Bearer"));
            problem(query.call().apply(as(identity.noRole())), 403, query);
            problem(query.call().apply(as(identity.service())), 403, query);
            problem(query.call().apply(as(identity.sign(identity.claims("no-phone", List.of("customer"), null)))), 403,
                    query).body("title", equalTo("Phone number required"));
        }
        // Another customer: the reservation is not found; another's phone as recipient is refused outright.
        String other = identity.customer(randomPhone());
        problem(queries.get(0).call().apply(as(other)), 404, queries.get(0)).body("title", equalTo("Reservation not found"));
        problem(queries.get(1).call().apply(as(other)), 403, queries.get(1)).body("title", equalTo("Not your recipient"));
        problem(queries.get(2).call().apply(as(other)), 403, queries.get(2));

        // The owner (the token's phone in another written form), staff and admin read them all.
        for (String token : List.of(identity.customer("+82 " + phone.substring(1)), identity.staff(), identity.admin())) {
            for (Query query : queries) {
                query.call().apply(as(token)).then().statusCode(200).body("", hasSize(1))
                        .body("[0].reservationId", equalTo(r.key())).body("[0].recipient", equalTo(phone));
            }
        }
    }

    @Test
    void everyBadTokenIsA401OnEveryQuery() {
        String phone = randomPhone();
        Reservation r = placed(Reservation.of("Bori", phone, null));
        long before = db.count("SELECT count(*) FROM notification");
        for (Map.Entry<String, String> bad : identity.badTokens().entrySet()) {
            for (Query query : queries(r, phone)) {
                Response answer = query.call().apply(as(bad.getValue()));
                assertThat(answer.statusCode()).as(bad.getKey() + " on " + query.name()).isEqualTo(401);
                assertThat(answer.contentType()).as(bad.getKey()).startsWith(PROBLEM_JSON);
                assertThat(answer.header("WWW-Authenticate")).as(bad.getKey()).startsWith("Bearer");
            }
        }
        assertThat(db.count("SELECT count(*) FROM notification")).isEqualTo(before);
    }

    @Test
    void realKeycloakTokens() {
        Reservation mine = placed(Reservation.of("Nabi", TestIdentity.PHONE_A.replace("-", ""), null));
        String customerA = identity.keycloakToken(TestIdentity.CUSTOMER_A);
        String customerB = identity.keycloakToken(TestIdentity.CUSTOMER_B);

        as(customerA).queryParam("reservationId", mine.key()).get("/notifications").then().statusCode(200)
                .body("", hasSize(1)).body("[0].recipient", equalTo(TestIdentity.PHONE_A));
        as(customerA).queryParam("recipient", TestIdentity.PHONE_A).get("/notifications").then().statusCode(200)
                .body("reservationId", org.hamcrest.Matchers.hasItem(mine.key()))
                .body("recipient", everyItem(equalTo(TestIdentity.PHONE_A)));
        as(customerB).queryParam("reservationId", mine.key()).get("/notifications").then().statusCode(404);
        as(customerB).queryParam("recipient", TestIdentity.PHONE_A).get("/notifications").then().statusCode(403);
        as(identity.keycloakServiceToken()).queryParam("reservationId", mine.key()).get("/notifications").then()
                .statusCode(403);
        as(identity.keycloakToken(TestIdentity.NO_ROLE)).queryParam("reservationId", mine.key()).get("/notifications")
                .then().statusCode(403);
        // Staff and admin accounts carry a phone too (the realm requires one): it gives them nothing more or less.
        for (String user : List.of(TestIdentity.STAFF, TestIdentity.ADMIN)) {
            String token = identity.keycloakToken(user);
            as(token).queryParam("reservationId", mine.key()).get("/notifications").then().statusCode(200)
                    .body("", hasSize(1));
            as(token).queryParam("recipient", TestIdentity.PHONE_A).get("/notifications").then().statusCode(200)
                    .body("reservationId", org.hamcrest.Matchers.hasItem(mine.key()));
        }
    }

    @Test
    void aReservationWhoseContactHasNotArrivedIsStaffsOnlyUntilItHas() {
        String phone = randomPhone();
        Reservation dubu = Reservation.of("Dubu", phone, null);
        UUID issued = UUID.randomUUID();
        kafka.send("billing-events", dubu.key(), Events.billIssued(issued, dubu.id(), 35000));
        await().atMost(WAIT).until(() -> db.count("SELECT count(*) FROM notification WHERE event_id = ?", issued) == 1);
        String owner = identity.customer(phone);

        problem(as(owner).queryParam("reservationId", dubu.key()).get("/notifications"), 404, null);
        as(identity.staff()).queryParam("reservationId", dubu.key()).get("/notifications").then().statusCode(200)
                .body("", hasSize(1)).body("[0].status", equalTo("PENDING"));

        placed(dubu);
        as(owner).queryParam("reservationId", dubu.key()).get("/notifications").then().statusCode(200)
                .body("", hasSize(2));
        problem(as(identity.customer(randomPhone())).queryParam("reservationId", dubu.key()).get("/notifications"),
                404, null);
    }

    @Test
    void aCustomerFindsEverythingSentToTheirPhoneAndNothingElse() {
        String phone = randomPhone();
        Reservation first = placed(Reservation.of("Hodu", phone, null));
        // An e-mail contact: the log channel speaks to the phone all the same, and it is found by the phone.
        Reservation second = placed(Reservation.of("Kong", phone.replace("-", " "), "kong.owner@example.com"));
        Reservation someoneElses = placed(Reservation.of("Tori", randomPhone(), null));
        String owner = identity.customer(phone);

        as(owner).queryParam("recipient", phone.replace("-", "")).get("/notifications").then().statusCode(200)
                .body("", hasSize(2)).body("reservationId", equalTo(List.of(first.key(), second.key())));
        // Someone else's reservation with their own phone as recipient: not theirs, so not found.
        problem(as(owner).queryParam("reservationId", someoneElses.key()).queryParam("recipient", phone)
                .get("/notifications"), 404, null);
        // An e-mail address is not a customer's to ask for (the phone finds those notifications).
        problem(as(owner).queryParam("recipient", "kong.owner@example.com").get("/notifications"), 403, null);
        // Staff ask for any address, in any written form.
        as(identity.staff()).queryParam("recipient", "+82 " + phone.substring(1)).get("/notifications").then()
                .statusCode(200).body("", hasSize(2));
        as(identity.staff()).queryParam("recipient", "010-0000-0000").get("/notifications").then().statusCode(200)
                .body("", empty());
    }

    /** A reservation placed and its notification stored. */
    private static Reservation placed(Reservation r) {
        UUID eventId = UUID.randomUUID();
        kafka.send("reservation-events", r.key(), Events.reservationEvent(eventId, "ReservationPlaced", r, "RESERVED", null));
        await().atMost(WAIT).until(() -> db.count("SELECT count(*) FROM notification WHERE event_id = ?", eventId) == 1);
        return r;
    }

    private static io.restassured.response.ValidatableResponse problem(Response response, int status, Query query) {
        assertThat(response.statusCode()).as(query == null ? "status" : query.name()).isEqualTo(status);
        return response.then().contentType(PROBLEM_JSON).body("status", is(status));
    }

    /** A mobile number no other test uses. */
    static String randomPhone() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        return String.format("010-%04d-%04d", random.nextInt(10_000), random.nextInt(10_000));
    }
}
