package io.animalhospital.lookup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpClient;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.eclipse.microprofile.config.spi.ConfigProviderResolver;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.animalhospital.infra.InfrastructureTestResource;
import io.animalhospital.infra.QuarkusApp;
import io.animalhospital.infra.TestIdentity;
import io.animalhospital.infra.TestKafka;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfigBuilder;

/**
 * Two replicas of the packaged lookup-service on one database and one broker (SPEC §8: "the live stream reaches a
 * subscriber whichever replica of lookup-service holds the connection"). Replica A consumes every event; replica B
 * consumes none (its consumers read topics nobody writes to), so whatever B's subscribers see came from A's
 * transactions through the database. Runs after {@code package} (failsafe): it starts the real jar twice.
 */
class LiveStreamAcrossReplicasIT {

    private static final Path JAR = Path.of("target", "quarkus-app", "quarkus-run.jar").toAbsolutePath();
    private static final List<String> TOPICS = List.of(ClinicEvents.RESERVATIONS, ClinicEvents.DIAGNOSIS,
            ClinicEvents.BILLING, ClinicEvents.NOTICES);

    private static InfrastructureTestResource infrastructure;
    private static Map<String, String> config;
    private static TestKafka kafka;
    private static TestIdentity identity;
    private static final List<QuarkusApp> replicas = new ArrayList<>();
    private static QuarkusApp consuming;
    private static QuarkusApp notConsuming;

    @BeforeAll
    static void start() {
        infrastructure = new InfrastructureTestResource();
        infrastructure.init(Map.of("database", "lookup"));
        config = infrastructure.start();
        kafka = new TestKafka(config.get("kafka.bootstrap.servers"));
        identity = identityOf(config);
        consuming = replica("lookup-a", List.of());
        List<String> idle = new ArrayList<>();
        for (String topic : TOPICS) {
            idle.add("-Dmp.messaging.incoming." + topic + ".topic=replica-b-reads-nothing-" + topic);
        }
        notConsuming = replica("lookup-b", idle);
        replicas.forEach(QuarkusApp::launch);
        replicas.forEach(replica -> replica.awaitReady(Duration.ofSeconds(180)));
    }

    @AfterAll
    static void stop() {
        replicas.forEach(QuarkusApp::stop);
        if (kafka != null) {
            kafka.close();
        }
        if (infrastructure != null) {
            infrastructure.stop();
        }
    }

    @Test
    void aSubscriberOnTheReplicaThatConsumedNothingSeesEveryChange() {
        ClinicEvents story = new ClinicEvents(ClinicEvents.uniquePhone());
        Instant t = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        HttpClient client = HttpClient.newHttpClient();
        try (StatusStreamTest.Stream onB = StatusStreamTest.Stream.open(client, streamOf(notConsuming, story), identity.staff());
                StatusStreamTest.Stream onA = StatusStreamTest.Stream.open(client, streamOf(consuming, story), identity.staff())) {
            onB.awaitConnected();
            onA.awaitConnected();

            story.reservation("ReservationPlaced", "RESERVED", t).to(kafka);
            await().atMost(Duration.ofSeconds(30)).until(() -> onB.statuses().contains("RESERVED"));
            story.reservation("ReservationCancelled", "CANCELLED", t.plusSeconds(1)).to(kafka);
            await().atMost(Duration.ofSeconds(30)).until(() -> onB.statuses().contains("CANCELLED"));
            await().atMost(Duration.ofSeconds(30)).until(() -> onA.statuses().contains("CANCELLED"));

            // Each change once and in order on both, though A's subscribers hear of it twice (its own bus, the database).
            assertThat(onB.statuses()).containsExactly("RESERVED", "CANCELLED");
            assertThat(onA.statuses()).containsExactly("RESERVED", "CANCELLED");
        }
    }

    private static URI streamOf(QuarkusApp replica, ClinicEvents story) {
        return URI.create(replica.url() + "/reservation-status/" + story.reservationId + "/stream");
    }

    private static QuarkusApp replica(String name, List<String> options) {
        if (!JAR.toFile().exists()) {
            throw new IllegalStateException(JAR + " is missing: this test runs after `package` (mvn verify)");
        }
        int postgresPort = Integer.parseInt(config.get("hospital.test.postgres-port"));
        QuarkusApp replica = new QuarkusApp(name, JAR, freePort(),
                Path.of("target", "replicas", name + ".log").toAbsolutePath())
                .jvm(List.of("-Xms64m", "-Xmx256m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1"))
                .jvm(options)
                .infrastructure(QuarkusApp.PostgresServerAddress.onPort(postgresPort), "lookup",
                        config.get("kafka.bootstrap.servers"))
                .env("QUARKUS_OIDC_AUTH_SERVER_URL", config.get("quarkus.oidc.auth-server-url"));
        replicas.add(replica);
        return replica;
    }

    private static int freePort() {
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
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
}
