package io.animalhospital.notice;

import static io.animalhospital.notice.Access.as;
import static io.animalhospital.notice.Access.asStaff;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.empty;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.is;

import java.time.Duration;
import java.util.List;
import java.util.UUID;

import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.animalhospital.infra.TestDatabase;
import io.animalhospital.infra.TestKafka;
import io.quarkus.test.junit.QuarkusTest;

/**
 * Hostile queries (SPEC §3 "Bad input"): control characters are a 400 naming the parameter; text that only looks
 * like SQL or a pattern matches nothing; a customer's hostile recipient is simply not theirs.
 */
@QuarkusTest
class HostileQueryTest {

    private static final String PROBLEM_JSON = "application/problem+json";
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
    void controlCharactersInAParameterAreA400NamingIt() {
        for (String encoded : List.of("%00", "010-1234-5678%00", "%01", "%1B%5B31m", "%7F")) {
            asStaff().urlEncodingEnabled(false).get("/notifications?recipient=" + encoded).then().statusCode(400)
                    .contentType(PROBLEM_JSON).body("violations.field", contains("recipient"));
            asStaff().urlEncodingEnabled(false).get("/notifications?reservationId=" + encoded).then().statusCode(400)
                    .contentType(PROBLEM_JSON).body("violations.field", contains("reservationId"));
        }
    }

    @Test
    void textThatLooksLikeSqlOrAPatternMatchesNothing() {
        // Something stored that a pattern or an injected condition would match.
        Events.Reservation r = Events.Reservation.of("Mango", "010-4444-0002", "mango@example.com");
        UUID placed = UUID.randomUUID();
        kafka.send("reservation-events", r.key(), Events.reservationEvent(placed, "ReservationPlaced", r, "RESERVED", null));
        await().atMost(Duration.ofSeconds(30))
                .until(() -> db.count("SELECT count(*) FROM notification WHERE event_id = ?", placed) == 1);
        for (String recipient : List.of("' OR '1'='1", "%", "_", "010-%", "*", "\\", "\"", "010-1234-5678' --",
                "x".repeat(2000), "전화번호", "😀")) {
            asStaff().queryParam("recipient", recipient).get("/notifications").then().statusCode(200)
                    .body("", empty());
            as(Access.identity().customer("010-4444-0001")).queryParam("recipient", recipient).get("/notifications")
                    .then().statusCode(403).contentType(PROBLEM_JSON).body("status", is(403));
        }
    }

    @Test
    void aReservationIdThatIsNoUuidIsA400() {
        for (String id : List.of("1 OR 1=1", "00000000-0000-0000-0000-00000000000G", "../notifications", "%")) {
            asStaff().queryParam("reservationId", id).get("/notifications").then().statusCode(400)
                    .contentType(PROBLEM_JSON).body("title", is("Invalid value"));
        }
    }
}
