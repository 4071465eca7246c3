package io.animalhospital.notice;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

import org.apache.kafka.clients.admin.AdminClient;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.MemberDescription;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;

import io.animalhospital.infra.InfrastructureTestResource;
import io.animalhospital.infra.QuarkusApp;
import io.animalhospital.infra.TestDatabase;
import io.animalhospital.infra.TestKafka;
import io.animalhospital.notice.Events.Reservation;

/**
 * The packaged service as separate processes against the real broker and database (runs after {@code package}):
 * <ol>
 * <li>catch-up: events produced while no instance runs are all applied when one starts;</li>
 * <li>a restart: notifications left PENDING by an instance killed with SIGKILL (its gateway was down) are
 * delivered by the instances started after it, each exactly once;</li>
 * <li>scale-out: two instances in one consumer group share the partitions, and every event, even one
 * delivered twice, gets exactly one notification and one gateway call;</li>
 * <li>a graceful stop mid-backlog: nothing goes to the DLQ, and the remaining instance applies every event.</li>
 * </ol>
 */
class ScaleOutIT {

    private static final Path JAR = Path.of("target", "quarkus-app", "quarkus-run.jar");
    private static final Duration START = Duration.ofSeconds(180);
    private static final Duration WAIT = Duration.ofSeconds(90);
    private static final ObjectMapper JSON = new ObjectMapper();

    private static InfrastructureTestResource infra;
    private static Map<String, String> config;
    private static TestKafka kafka;
    private static TestDatabase db;
    private static int gatewayPort;
    private static HttpServer gateway;
    /** Successful gateway calls per notification id. */
    private static final Map<String, AtomicInteger> delivered = new ConcurrentHashMap<>();
    private static final List<QuarkusApp> instances = new ArrayList<>();

    @BeforeAll
    static void startInfrastructure() throws IOException {
        deleteLogs();
        infra = new InfrastructureTestResource();
        infra.init(Map.of("database", "notice"));
        config = infra.start();
        kafka = new TestKafka(config.get("kafka.bootstrap.servers"));
        db = new TestDatabase(config.get("quarkus.datasource.jdbc.url"));
        gatewayPort = freePort();
    }

    @AfterAll
    static void stopAll() {
        instances.forEach(QuarkusApp::kill);
        if (gateway != null) {
            gateway.stop(0);
        }
        if (kafka != null) {
            kafka.close();
        }
        if (infra != null) {
            infra.stop();
        }
    }

    @Test
    void catchesUpSurvivesAKillAndSharesTheWorkBetweenTwoInstances() throws Exception {
        // 1. Events arrive while notice-service is down: 8 reservations placed and approved, 4 bills.
        List<UUID> backlog = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            Reservation r = Reservation.of("Pet" + i, "010-7000-000" + i, null);
            if (i < 4) {
                // Bills overtaking their reservation's events: they wait for the contact.
                backlog.add(send("billing-events", r, id -> Events.billIssued(id, r.id(), 10000)));
            }
            backlog.add(send("reservation-events", r, id -> Events.reservationEvent(id, "ReservationPlaced", r, "RESERVED", null)));
            backlog.add(send("reservation-events", r, id -> Events.reservationEvent(id, "ReservationApproved", r, "RESERVED", null)));
        }

        // 2. The first instance catches up on all of them, but its phone gateway is down (nothing listens yet).
        QuarkusApp first = instance("first").start(START);
        await().atMost(WAIT).until(() -> notifications(backlog) == backlog.size());
        await().atMost(WAIT).until(() -> db.count("SELECT count(*) FROM notification WHERE status = 'PENDING'"
                + " AND attempts >= 1 AND last_error IS NOT NULL") >= backlog.size());
        assertThat(db.count("SELECT count(*) FROM notification WHERE status = 'SENT'")).isZero();

        // 3. It is killed mid-retry; the gateway comes up; two new instances pick the pending work up.
        first.kill();
        startGateway();
        QuarkusApp second = instance("second").launch();
        QuarkusApp third = instance("third").launch();
        second.awaitReady(START);
        third.awaitReady(START);
        await().atMost(WAIT).until(() -> db.count("SELECT count(*) FROM notification WHERE status = 'SENT'") == backlog.size());
        assertThat(delivered).hasSize(backlog.size());
        assertThat(delivered.values()).allMatch(calls -> calls.get() == 1);

        // 4. Both instances hold partitions of reservation-events in the one consumer group.
        await().atMost(WAIT).until(() -> membersWithPartitionsOf("reservation-events") == 2);

        // 5. New events, each produced twice, across many reservations: one notification each, one gateway call each.
        List<UUID> fresh = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            Reservation r = Reservation.of("Buddy" + i, "010-8000-" + String.format("%04d", i), null);
            UUID eventId = UUID.randomUUID();
            String event = Events.reservationEvent(eventId, "ReservationPlaced", r, "RESERVED", null);
            kafka.send("reservation-events", r.key(), event);
            kafka.send("reservation-events", r.key(), event);
            fresh.add(eventId);
        }
        await().atMost(WAIT).until(() -> db.count("SELECT count(*) FROM notification WHERE status = 'SENT'")
                == backlog.size() + fresh.size());
        assertThat(notifications(fresh)).isEqualTo(fresh.size());
        assertThat(db.count("SELECT count(*) FROM processed_event WHERE event_id = ANY(?)", (Object) fresh.toArray(UUID[]::new)))
                .isEqualTo(fresh.size());
        assertThat(delivered).hasSize(backlog.size() + fresh.size());
        assertThat(delivered.values()).allMatch(calls -> calls.get() == 1);
        assertThat(db.count("SELECT count(*) FROM notification")).isEqualTo(backlog.size() + fresh.size());

        // 6. A graceful stop (SIGTERM, as a rolling update sends) in the middle of a backlog: the events the stopping
        //    instance had in hand go to no DLQ; the other instance takes its partitions over and applies every one.
        List<UUID> rolling = new ArrayList<>();
        for (int i = 0; i < 1500; i++) {
            Reservation r = Reservation.of("Nabi" + i, "010-9000-" + String.format("%04d", i), null);
            rolling.add(send("reservation-events", r, id -> Events.reservationEvent(id, "ReservationPlaced", r, "RESERVED", null)));
        }
        try (TestKafka.Reader dlq = kafka.reader("reservation-events.dlq")) {
            await().atMost(WAIT).until(() -> notifications(rolling) >= 100);
            second.stop();
            await().atMost(WAIT).until(() -> notifications(rolling) == rolling.size());
            // Polled for a while: a reader's first polls may return nothing while it joins.
            await().during(Duration.ofSeconds(5)).atMost(WAIT).until(() -> dlq.poll().isEmpty());
        }
        assertThat(db.count("SELECT count(*) FROM processed_event WHERE event_id = ANY(?)", (Object) rolling.toArray(UUID[]::new)))
                .isEqualTo(rolling.size());
    }

    private static UUID send(String topic, Reservation r, java.util.function.Function<UUID, String> event) {
        UUID id = UUID.randomUUID();
        kafka.send(topic, r.key(), event.apply(id));
        return id;
    }

    private static long notifications(List<UUID> eventIds) {
        return db.count("SELECT count(*) FROM notification WHERE event_id = ANY(?)", (Object) eventIds.toArray(UUID[]::new));
    }

    private static QuarkusApp instance(String name) {
        int port = freePort();
        List<String> jvm = new ArrayList<>(List.of("-XX:TieredStopAtLevel=1",
                "-Dquarkus.log.category.\"io.animalhospital.notice.domain\".level=DEBUG"));
        for (String channel : List.of("reservation-events", "billing-events")) {
            // A killed instance's partitions move on within seconds instead of the 45 s default.
            jvm.add("-Dmp.messaging.incoming." + channel + ".session.timeout.ms=6000");
            jvm.add("-Dmp.messaging.incoming." + channel + ".heartbeat.interval.ms=1000");
        }
        QuarkusApp app = new QuarkusApp("notice-" + name, JAR, port, Path.of("target", "it-logs", name + ".log"))
                .infrastructure(QuarkusApp.PostgresServerAddress.onPort(Integer.parseInt(config.get("hospital.test.postgres-port"))),
                        "notice", config.get("kafka.bootstrap.servers"))
                .jvm(jvm)
                // Tokens are verified against the test run's Keycloak, as in production against the realm's.
                .env("QUARKUS_OIDC_AUTH_SERVER_URL", config.get("quarkus.oidc.auth-server-url"))
                .env("HOSPITAL_NOTICE_CHANNEL", "webhook")
                .env("HOSPITAL_NOTICE_LANGUAGE", "en")
                .env("HOSPITAL_NOTICE_WEBHOOK_URL", "http://127.0.0.1:" + gatewayPort + "/messages")
                .env("HOSPITAL_NOTICE_DELIVERY_MAX_ATTEMPTS", "100")
                .env("HOSPITAL_NOTICE_DELIVERY_INITIAL_BACKOFF", "500ms")
                .env("HOSPITAL_NOTICE_DELIVERY_BACKOFF_MULTIPLIER", "1.5")
                .env("HOSPITAL_NOTICE_DELIVERY_MAX_BACKOFF", "2s")
                // A lease that outlasts a claimed batch even on a starved CPU: a shorter one lets another
                // instance claim rows that are still being delivered, and the gateway would see them twice.
                .env("HOSPITAL_NOTICE_DELIVERY_TIMEOUT", "3s")
                .env("HOSPITAL_NOTICE_DELIVERY_LEASE", "20s");
        instances.add(app);
        return app;
    }

    private static void startGateway() throws IOException {
        gateway = HttpServer.create(new InetSocketAddress("127.0.0.1", gatewayPort), 0);
        gateway.setExecutor(Executors.newFixedThreadPool(4));
        gateway.createContext("/messages", exchange -> {
            JsonNode body = JSON.readTree(exchange.getRequestBody().readAllBytes());
            delivered.computeIfAbsent(body.path("notificationId").asText(), id -> new AtomicInteger()).incrementAndGet();
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        gateway.start();
    }

    private static long membersWithPartitionsOf(String topic) throws Exception {
        Properties props = new Properties();
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, config.get("kafka.bootstrap.servers"));
        try (AdminClient admin = AdminClient.create(props)) {
            return admin.describeConsumerGroups(List.of("notice-service")).all().get().get("notice-service").members()
                    .stream().map(MemberDescription::assignment)
                    .filter(a -> a.topicPartitions().stream().anyMatch(tp -> tp.topic().equals(topic)))
                    .count();
        }
    }

    private static void deleteLogs() throws IOException {
        Path logs = Path.of("target", "it-logs");
        if (java.nio.file.Files.isDirectory(logs)) {
            try (var files = java.nio.file.Files.list(logs)) {
                for (Path file : files.toList()) {
                    java.nio.file.Files.delete(file);
                }
            }
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
