package io.animalhospital.billing;

import static io.animalhospital.billing.Clinic.BILLING_EVENTS;
import static io.animalhospital.billing.Clinic.awaitBill;
import static io.animalhospital.billing.Clinic.json;
import static io.animalhospital.billing.Clinic.sendTreated;
import static io.animalhospital.billing.Clinic.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.MemberDescription;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.config.spi.ConfigProviderResolver;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import io.animalhospital.infra.InfrastructureTestResource;
import io.animalhospital.infra.TestDatabase;
import io.animalhospital.infra.TestIdentity;
import io.animalhospital.infra.TestKafka;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfigBuilder;

/**
 * Replicas of the packaged billing-service (SPEC §4 "Consuming"): a replica that was not running catches up on what
 * it missed; two replicas in one consumer group share the partitions and every event is applied once; when one
 * crashes, the other takes over its partitions and still applies every event once; after a full stop, a restarted
 * replica catches up from the committed offsets. Runs after {@code package} (failsafe), because it starts the real
 * jar as child processes.
 */
class ScaleOutIT {

    private static final String GROUP = "billing-service";
    private static final String ISSUED_LOG = "Issued bill";

    private static InfrastructureTestResource infrastructure;
    private static Map<String, String> config;
    private static TestKafka kafka;
    private static TestDatabase db;
    private static Admin admin;
    private static TestIdentity identity;
    private static final List<BillingInstance> instances = new ArrayList<>();

    @BeforeAll
    static void startInfrastructure() {
        infrastructure = new InfrastructureTestResource();
        infrastructure.init(Map.of("database", "billing"));
        config = infrastructure.start();
        kafka = new TestKafka(config.get("kafka.bootstrap.servers"));
        db = new TestDatabase(config.get("quarkus.datasource.jdbc.url"));
        Properties props = new Properties();
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, config.get("kafka.bootstrap.servers"));
        admin = Admin.create(props);
        identity = identityOf(config);
    }

    /** Outside Quarkus, the test run's identity is read from what the test resource returned. */
    private static TestIdentity identityOf(Map<String, String> infrastructureConfig) {
        ConfigProviderResolver resolver = ConfigProviderResolver.instance();
        ClassLoader loader = Thread.currentThread().getContextClassLoader();
        resolver.releaseConfig(resolver.getConfig(loader));
        resolver.registerConfig(new SmallRyeConfigBuilder()
                .withSources(new PropertiesConfigSource(infrastructureConfig, "infrastructure", 500)).build(), loader);
        return TestIdentity.fromConfig();
    }

    @AfterAll
    static void stopEverything() {
        instances.forEach(BillingInstance::close);
        if (admin != null) {
            admin.close(Duration.ofSeconds(5));
        }
        if (kafka != null) {
            kafka.close();
        }
        if (infrastructure != null) {
            infrastructure.stop();
        }
    }

    @Test
    void replicasCatchUpShareTheWorkAndApplyEveryEventOnce() {
        List<UUID> reservations = new ArrayList<>();

        // 1. Catch-up: treatments recorded while no billing-service runs at all.
        List<UUID> missed = treat(20);
        reservations.addAll(missed);
        BillingInstance first = start("replica-1");
        await().atMost(Duration.ofSeconds(60)).until(() -> bills() == reservations.size());

        // 2. Scale-out: a second replica joins the group; both get partitions and share the new work.
        BillingInstance second = start("replica-2");
        // The group has a consumer per topic in each replica: each topic's partitions are shared by two of them.
        await().atMost(Duration.ofSeconds(60)).until(() -> {
            Collection<MemberDescription> members = groupMembers();
            return sharing(members, Clinic.DIAGNOSIS_EVENTS) == 2 && sharing(members, Clinic.RESERVATION_EVENTS) == 2;
        });
        long firstBefore = first.logLines(ISSUED_LOG);
        reservations.addAll(treat(60));
        await().atMost(Duration.ofSeconds(60)).until(() -> bills() == reservations.size());
        assertThat(first.logLines(ISSUED_LOG) - firstBefore).as("bills issued by replica-1 after scale-out").isPositive();
        assertThat(second.logLines(ISSUED_LOG)).as("bills issued by replica-2").isPositive();

        // Either replica answers for any bill, and a payment retried on the other replica is not paid twice.
        String staff = identity.staff();
        JsonNode bill = awaitBill(second.url(), staff, missed.get(0));
        String payment = "{\"amount\":" + bill.get("total").asLong() + ",\"method\":\"CARD\"}";
        String key = UUID.randomUUID().toString();
        String paid = as(staff).contentType("application/json").header("Idempotency-Key", key).body(payment)
                .post(first.url() + "/bills/" + bill.get("id").asText() + "/payments").then().statusCode(201)
                .extract().asString();
        String retried = as(staff).contentType("application/json").header("Idempotency-Key", key).body(payment)
                .post(second.url() + "/bills/" + bill.get("id").asText() + "/payments").then().statusCode(201)
                .extract().asString();
        assertThat(json(retried)).isEqualTo(json(paid));
        // The owner, learnt by whichever replica consumed the placement, reads the bill from either replica.
        String owner = identity.customer(phoneOf(missed.get(1)));
        await().atMost(Duration.ofSeconds(60)).until(() -> db.count(
                "SELECT count(*) FROM reservation_owner WHERE reservation_id = ?", missed.get(1)) == 1);
        JsonNode own = awaitBill(first.url(), owner, missed.get(1));
        as(owner).get(second.url() + "/bills/" + own.get("id").asText()).then().statusCode(200);
        as(identity.customer("010-9999-0000")).get(second.url() + "/bills/" + own.get("id").asText()).then()
                .statusCode(404);

        // 3. A replica crashes mid-stream: the survivor takes its partitions over; still one bill per treatment.
        List<UUID> duringCrash = treat(15);
        reservations.addAll(duringCrash);
        first.kill();
        reservations.addAll(treat(15));
        await().atMost(Duration.ofSeconds(60)).until(() -> bills() == reservations.size());

        // 4. Catch-up after a restart: nothing runs while treatments go on; the restarted replica applies them.
        second.close();
        reservations.addAll(treat(10));
        start("replica-1-restarted");
        await().atMost(Duration.ofSeconds(60)).until(() -> bills() == reservations.size());

        assertThat(db.count("SELECT count(*) FROM (SELECT reservation_id FROM bill GROUP BY reservation_id"
                + " HAVING count(*) > 1) AS twice")).isZero();
        assertThat(db.count("SELECT count(*) FROM payment")).isEqualTo(1);
        await().atMost(Duration.ofSeconds(60)).until(() -> db.count("SELECT count(*) FROM reservation_owner")
                == reservations.size());
        assertThat(db.query("SELECT phone FROM reservation_owner")).allSatisfy(
                row -> assertThat((String) row.get("phone")).matches("010-[0-9]{4}-[0-9]{4}"));
        Set<String> billed = db.query("SELECT reservation_id FROM bill").stream()
                .map(row -> row.get("reservation_id").toString()).collect(Collectors.toSet());
        assertThat(billed).isEqualTo(reservations.stream().map(UUID::toString).collect(Collectors.toSet()));

        // Every bill announced exactly once (a crash may re-send an event, never with a new id), keyed by reservation.
        Clinic.awaitOutboxRelayed(db);
        List<ConsumerRecord<String, String>> published = Clinic.readAll(config.get("kafka.bootstrap.servers"),
                BILLING_EVENTS);
        Map<String, Set<String>> issuedIds = published.stream()
                .map(r -> Map.entry(r.key(), json(r.value())))
                .filter(e -> "BillIssued".equals(e.getValue().path("type").asText()))
                .peek(e -> assertThat(e.getKey()).isEqualTo(e.getValue().path("reservationId").asText()))
                .collect(Collectors.groupingBy(e -> e.getValue().path("billId").asText(),
                        Collectors.mapping(e -> e.getValue().path("eventId").asText(), Collectors.toSet())));
        assertThat(issuedIds).hasSize(reservations.size());
        assertThat(issuedIds.values()).allSatisfy(ids -> assertThat(ids).hasSize(1));
    }

    /**
     * Places reservations as reservation-service would (whose each is) and treats them as diagnosis-service would,
     * each event also delivered twice.
     */
    private static List<UUID> treat(int count) {
        List<UUID> treated = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            UUID reservationId = UUID.randomUUID();
            String placed = Clinic.reservationEvent(UUID.randomUUID(), "ReservationPlaced", reservationId,
                    phoneOf(reservationId), java.time.Instant.now());
            Clinic.sendReservationEvent(kafka, reservationId, placed);
            Clinic.sendReservationEvent(kafka, reservationId, placed);
            UUID eventId = UUID.randomUUID();
            sendTreated(kafka, eventId, reservationId, "XRAY", 1);
            sendTreated(kafka, eventId, reservationId, "XRAY", 1);
            treated.add(reservationId);
        }
        return treated;
    }

    /** A phone per reservation, written without hyphens as an older client might have: billing stores it normalised. */
    private static String phoneOf(UUID reservationId) {
        return String.format("010%08d", Math.floorMod(reservationId.hashCode(), 100_000_000));
    }

    private static BillingInstance start(String name) {
        BillingInstance instance = BillingInstance.launch(name, config);
        instances.add(instance);
        await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(250)).until(instance::isReady);
        return instance;
    }

    private static long bills() {
        return db.count("SELECT count(*) FROM bill");
    }

    /** How many members of the group have partitions of the topic. */
    private static long sharing(Collection<MemberDescription> members, String topic) {
        return members.stream().filter(m -> m.assignment().topicPartitions().stream()
                .anyMatch(partition -> partition.topic().equals(topic))).count();
    }

    private static Collection<MemberDescription> groupMembers() throws Exception {
        return admin.describeConsumerGroups(List.of(GROUP)).all().get().get(GROUP).members();
    }
}
