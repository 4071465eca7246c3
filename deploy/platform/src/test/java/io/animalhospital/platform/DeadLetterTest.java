package io.animalhospital.platform;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.animalhospital.infra.MetricsCatalog;
import io.animalhospital.infra.TestDatabase;
import io.animalhospital.infra.TestIdentity;
import io.animalhospital.infra.TestKafka;
import io.animalhospital.platform.testapp.NoteConsumer;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.specification.RequestSpecification;

/**
 * An administrator sees a dead letter of a topic the service consumes, mends the fault and replays it: the event
 * takes effect once, however often it is replayed; nobody else may see or replay dead letters.
 */
@QuarkusTest
class DeadLetterTest {

    private static final String TOPIC = "notes-in";
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

    @AfterEach
    void breakAgain() {
        NoteConsumer.FLAKY_FAILS.set(true);
    }

    @Test
    void anAdministratorReplaysAMendedDeadLetterAndItTakesEffectOnce() {
        UUID reservationId = UUID.randomUUID();
        UUID eventId = UUID.randomUUID();
        double before = deadLetters();
        kafka.send(TOPIC, reservationId.toString(), event(eventId, "Flaky", reservationId));

        Map<String, Object> letter = await().atMost(Duration.ofSeconds(30)).until(() -> find(eventId), l -> l != null);
        assertThat(letter).containsEntry("topic", TOPIC + ".dlq").containsEntry("sourceTopic", TOPIC)
                .containsEntry("key", reservationId.toString()).containsEntry("eventType", "Flaky");
        assertThat(letter.get("replayedAt")).isNull();
        assertThat(letter.get("reason")).asString().contains("fails until mended");
        assertThat(times(reservationId)).isZero();
        // The operator's alert counts it: hospital_dead_letters_total of the dead-letter topic went up by one.
        await().atMost(Duration.ofSeconds(5)).until(() -> deadLetters() == before + 1);
        String replay = "/admin/dead-letters/" + letter.get("topic") + "/" + letter.get("partition") + "/"
                + letter.get("offset") + "/replay";

        // Still broken: it fails again, stays a dead letter, nothing applied.
        as(identity.admin()).post(replay).then().statusCode(409).contentType(PROBLEM)
                .body("type", org.hamcrest.Matchers.endsWith("/replay-failed"));
        assertThat(times(reservationId)).isZero();

        NoteConsumer.FLAKY_FAILS.set(false);
        as(identity.admin()).post(replay).then().statusCode(202)
                .body("eventId", equalTo(eventId.toString())).body("replayedAt", notNullValue());
        assertThat(times(reservationId)).isEqualTo(1);
        as(identity.admin()).post(replay).then().statusCode(202);
        assertThat(times(reservationId)).isEqualTo(1);
        assertThat(find(eventId)).extractingByKey("replayedAt").isNotNull();
    }

    @Test
    void onlyAnAdministratorSeesOrReplaysDeadLetters() {
        given().get("/admin/dead-letters").then().statusCode(401).contentType(PROBLEM);
        as(identity.staff()).get("/admin/dead-letters").then().statusCode(403).contentType(PROBLEM);
        as(identity.customer(TestIdentity.PHONE_A)).get("/admin/dead-letters").then().statusCode(403);
        as(identity.staff()).post("/admin/dead-letters/notes-in.dlq/0/0/replay").then().statusCode(403);
        as(identity.admin()).get("/admin/dead-letters").then().statusCode(200);
    }

    @Test
    void aRecordThatIsNotOneOfTheServicesDeadLettersIsNotFound() {
        as(identity.admin()).post("/admin/dead-letters/notes-in.dlq/0/999999/replay").then().statusCode(404)
                .contentType(PROBLEM);
        as(identity.admin()).post("/admin/dead-letters/notes/0/0/replay").then().statusCode(404);
        as(identity.admin()).post("/admin/dead-letters/notes-in.dlq/77/0/replay").then().statusCode(404);
        as(identity.admin()).get("/admin/dead-letters?size=101").then().statusCode(400);
    }

    private static double deadLetters() {
        String scrape = given().get("/q/metrics").then().statusCode(200).extract().asString();
        Double value = MetricsCatalog.value(scrape, "hospital_dead_letters_total", Map.of("topic", TOPIC + ".dlq"));
        assertThat(value).as("hospital_dead_letters_total{topic=\"%s.dlq\"} exists from the start", TOPIC).isNotNull();
        return value;
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> find(UUID eventId) {
        List<Map<String, Object>> letters = as(identity.admin()).get("/admin/dead-letters?size=100").then()
                .statusCode(200).extract().jsonPath().getList("$");
        return letters.stream().filter(l -> eventId.toString().equals(l.get("eventId"))).findFirst().orElse(null);
    }

    private RequestSpecification as(String token) {
        return given().auth().oauth2(token);
    }

    private static long times(UUID reservationId) {
        return db.count("SELECT coalesce(sum(times), 0) FROM applied_note WHERE reservation_id = ?", reservationId);
    }

    private static String event(UUID eventId, String type, UUID reservationId) {
        return "{\"eventId\":\"" + eventId + "\",\"type\":\"" + type + "\",\"occurredAt\":\"" + Instant.now()
                + "\",\"reservationId\":\"" + reservationId + "\"}";
    }
}
