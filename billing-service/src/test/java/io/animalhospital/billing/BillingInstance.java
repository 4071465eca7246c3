package io.animalhospital.billing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import io.animalhospital.infra.QuarkusApp;

/**
 * One billing-service replica run from the packaged jar ({@code target/quarkus-app}, with the AOT cache the build
 * recorded) as a child process, pointed at the test's PostgreSQL and Kafka, as a second pod of the same deployment
 * would be.
 */
final class BillingInstance implements AutoCloseable {

    static final Path JAR = Path.of("target", "quarkus-app", "quarkus-run.jar").toAbsolutePath();

    private final String name;
    private final QuarkusApp app;

    private BillingInstance(String name, QuarkusApp app) {
        this.name = name;
        this.app = app;
    }

    /** Starts without waiting for readiness; {@code infrastructure} is what the test resource returned. */
    static BillingInstance launch(String name, Map<String, String> infrastructure) {
        if (!Files.exists(JAR)) {
            throw new IllegalStateException(JAR + " is missing: this test runs after `package` (mvn verify)");
        }
        Path log = Path.of("target", "scale-out", name + ".log").toAbsolutePath();
        try {
            // Counted lines are this run's (QuarkusApp appends to a log).
            Files.deleteIfExists(log);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        QuarkusApp app = new QuarkusApp("billing-service " + name, JAR, freePort(), log)
                .jvm(List.of("-Xms64m", "-Xmx256m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
                        // A crashed replica's partitions move to the survivor within seconds rather than 45 s.
                        "-Dmp.messaging.incoming.diagnosis-events.session.timeout.ms=6000",
                        "-Dmp.messaging.incoming.diagnosis-events.heartbeat.interval.ms=1000",
                        "-Dmp.messaging.incoming.reservation-events.session.timeout.ms=6000",
                        "-Dmp.messaging.incoming.reservation-events.heartbeat.interval.ms=1000"))
                .env("QUARKUS_DATASOURCE_REACTIVE_URL", infrastructure.get("quarkus.datasource.reactive.url"))
                .env("QUARKUS_DATASOURCE_JDBC_URL", infrastructure.get("quarkus.datasource.jdbc.url"))
                .env("QUARKUS_DATASOURCE_USERNAME", infrastructure.get("quarkus.datasource.username"))
                .env("QUARKUS_DATASOURCE_PASSWORD", infrastructure.get("quarkus.datasource.password"))
                .env("KAFKA_BOOTSTRAP_SERVERS", infrastructure.get("kafka.bootstrap.servers"))
                // Tokens are verified against the test run's Keycloak, as every replica verifies them against the realm's.
                .env("QUARKUS_OIDC_AUTH_SERVER_URL", infrastructure.get("quarkus.oidc.auth-server-url"));
        return new BillingInstance(name, app.launch());
    }

    String url() {
        return app.url();
    }

    boolean isReady() {
        if (app.process().isEmpty()) {
            throw new IllegalStateException(name + " exited during start-up; see " + app.log());
        }
        return app.isReady();
    }

    /** How many lines of this replica's log contain the text, e.g. the bills it issued. */
    long logLines(String text) {
        try (var lines = Files.lines(app.log())) {
            return lines.filter(line -> line.contains(text)).count();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A crash: SIGKILL, no shutdown hooks, offsets and outbox deletes possibly not committed. */
    void kill() {
        app.kill();
    }

    /** Graceful stop (SIGTERM): leaves the consumer group at once. */
    @Override
    public void close() {
        if (app.process().isPresent()) {
            app.stop();
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
