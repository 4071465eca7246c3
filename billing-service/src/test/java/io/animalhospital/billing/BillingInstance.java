package io.animalhospital.billing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * One billing-service replica run from the packaged jar ({@code target/quarkus-app}) as a child process, pointed at
 * the test's PostgreSQL and Kafka, as a second pod of the same deployment would be.
 */
final class BillingInstance implements AutoCloseable {

    static final Path JAR = Path.of("target", "quarkus-app", "quarkus-run.jar").toAbsolutePath();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private final String name;
    private final int port;
    private final Path log;
    private final Process process;

    private BillingInstance(String name, int port, Path log, Process process) {
        this.name = name;
        this.port = port;
        this.log = log;
        this.process = process;
    }

    /** Starts without waiting for readiness; {@code infrastructure} is what the test resource returned. */
    static BillingInstance launch(String name, Map<String, String> infrastructure) {
        if (!Files.exists(JAR)) {
            throw new IllegalStateException(JAR + " is missing: this test runs after `package` (mvn verify)");
        }
        int port = freePort();
        Path log = Path.of("target", "scale-out", name + ".log").toAbsolutePath();
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xms64m", "-Xmx256m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
                // A crashed replica's partitions move to the survivor within seconds rather than 45 s.
                "-Dmp.messaging.incoming.diagnosis-events.session.timeout.ms=6000",
                "-Dmp.messaging.incoming.diagnosis-events.heartbeat.interval.ms=1000",
                "-Dmp.messaging.incoming.reservation-events.session.timeout.ms=6000",
                "-Dmp.messaging.incoming.reservation-events.heartbeat.interval.ms=1000",
                "-jar", JAR.toString()));
        ProcessBuilder builder = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.to(log.toFile()));
        Map<String, String> env = builder.environment();
        env.put("QUARKUS_HTTP_PORT", String.valueOf(port));
        env.put("QUARKUS_DATASOURCE_REACTIVE_URL", infrastructure.get("quarkus.datasource.reactive.url"));
        env.put("QUARKUS_DATASOURCE_JDBC_URL", infrastructure.get("quarkus.datasource.jdbc.url"));
        env.put("QUARKUS_DATASOURCE_USERNAME", infrastructure.get("quarkus.datasource.username"));
        env.put("QUARKUS_DATASOURCE_PASSWORD", infrastructure.get("quarkus.datasource.password"));
        env.put("KAFKA_BOOTSTRAP_SERVERS", infrastructure.get("kafka.bootstrap.servers"));
        // Tokens are verified against the test run's Keycloak, as every replica verifies them against the realm's.
        env.put("QUARKUS_OIDC_AUTH_SERVER_URL", infrastructure.get("quarkus.oidc.auth-server-url"));
        try {
            Files.createDirectories(log.getParent());
            return new BillingInstance(name, port, log, builder.start());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    String url() {
        return "http://127.0.0.1:" + port;
    }

    boolean isReady() {
        if (!process.isAlive()) {
            throw new IllegalStateException(name + " exited during start-up; see " + log);
        }
        try {
            return HTTP.send(HttpRequest.newBuilder(URI.create(url() + "/q/health/ready"))
                    .timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** How many lines of this replica's log contain the text, e.g. the bills it issued. */
    long logLines(String text) {
        try (var lines = Files.lines(log)) {
            return lines.filter(line -> line.contains(text)).count();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A crash: SIGKILL, no shutdown hooks, offsets and outbox deletes possibly not committed. */
    void kill() {
        process.destroyForcibly();
        process.onExit().join();
    }

    /** Graceful stop (SIGTERM): leaves the consumer group at once. */
    @Override
    public void close() {
        if (!process.isAlive()) {
            return;
        }
        process.destroy();
        try {
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
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
