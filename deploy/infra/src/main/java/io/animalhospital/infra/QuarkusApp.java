package io.animalhospital.infra;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One service of the system run from its packaged jar as a child process: used by the local stack, and by
 * tests that need a real neighbour service (e.g. reservation-service's tests run the real diagnosis-service).
 */
public final class QuarkusApp {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private final String name;
    private final Path jar;
    private final int port;
    private final Path log;
    private final List<String> jvmOptions = new ArrayList<>();
    private final Map<String, String> environment = new LinkedHashMap<>();
    private Process process;

    public QuarkusApp(String name, Path jar, int port, Path log) {
        this.name = name;
        this.jar = jar;
        this.port = port;
        this.log = log;
        // A service with web pages (the customers' app, the staff console) encrypts its sessions with this secret
        // and refuses to start without one: every launched service gets one of its own (the local stack sets the
        // machine's instead, with env()).
        environment.put("HOSPITAL_WEB_SESSION_SECRET", KeycloakServer.randomSecret());
    }

    /** Points the service at its database on the given PostgreSQL and at the broker. */
    public QuarkusApp infrastructure(PostgresServerAddress postgres, String database, String kafkaBootstrapServers) {
        environment.put("QUARKUS_DATASOURCE_REACTIVE_URL", postgres.reactiveUrl(database));
        environment.put("QUARKUS_DATASOURCE_JDBC_URL", postgres.jdbcUrl(database));
        environment.put("QUARKUS_DATASOURCE_USERNAME", PostgresServer.USER);
        environment.put("QUARKUS_DATASOURCE_PASSWORD", PostgresServer.PASSWORD);
        environment.put("KAFKA_BOOTSTRAP_SERVERS", kafkaBootstrapServers);
        return this;
    }

    public QuarkusApp env(String key, String value) {
        environment.put(key, value);
        return this;
    }

    public QuarkusApp jvm(List<String> options) {
        options.stream().filter(o -> !o.isBlank()).forEach(jvmOptions::add);
        return this;
    }

    public String name() {
        return name;
    }

    public int port() {
        return port;
    }

    public String url() {
        return "http://127.0.0.1:" + port;
    }

    public Path log() {
        return log;
    }

    public Optional<ProcessHandle> process() {
        return Optional.ofNullable(process).filter(Process::isAlive).map(Process::toHandle);
    }

    /** Starts the process without waiting; see {@link #awaitReady(Duration)}. */
    public QuarkusApp launch() {
        if (!Files.exists(jar)) {
            throw new IllegalStateException(jar + " is missing: build it first (./mvnw package -DskipTests)");
        }
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        // Compact object headers: smaller objects, and the layout the build recorded the AOT cache with.
        command.add("-XX:+UseCompactObjectHeaders");
        Path aotCache = jar.resolveSibling("app.aot");
        if (Files.exists(aotCache)) {
            // Classes loaded and linked ahead, as the build's start-up recorded them (JEP 483).
            command.add("-XX:AOTCache=" + aotCache);
        }
        command.addAll(jvmOptions);
        command.addAll(List.of("-jar", jar.toString()));
        ProcessBuilder builder = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        builder.environment().putAll(environment);
        builder.environment().put("QUARKUS_HTTP_PORT", String.valueOf(port));
        try {
            Files.createDirectories(log.getParent());
            process = builder.start();
            // A child must not outlive the JVM that started it (a test run, the local stack).
            Process started = process;
            Runtime.getRuntime().addShutdownHook(new Thread(() -> Processes.stop(started.toHandle(),
                    Duration.ofSeconds(20)), name + "-stop"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return this;
    }

    public QuarkusApp start(Duration timeout) {
        return launch().awaitReady(timeout);
    }

    public QuarkusApp awaitReady(Duration timeout) {
        Processes.await(name + " readiness on " + url() + " (log " + log + ")", timeout, () -> {
            if (process == null || !process.isAlive()) {
                throw new IllegalStateException(name + " exited during start-up; see " + log + ":\n"
                        + Processes.tail(log, 30));
            }
            return isReady();
        });
        return this;
    }

    public boolean isReady() {
        try {
            HttpResponse<Void> response = HTTP.send(HttpRequest.newBuilder(URI.create(url() + "/q/health/ready"))
                    .timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.discarding());
            return response.statusCode() == 200;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** Graceful stop (SIGTERM), forcibly after 30 s. */
    public void stop() {
        if (process != null) {
            Processes.stop(process.toHandle(), Duration.ofSeconds(30));
        }
    }

    /** A crash: SIGKILL, no shutdown hooks. */
    public void kill() {
        if (process != null && process.isAlive()) {
            process.destroyForcibly();
            process.onExit().join();
        }
    }

    /** Where a service finds its database: a running {@link PostgresServer} or just its port. */
    public interface PostgresServerAddress {
        String reactiveUrl(String database);

        String jdbcUrl(String database);

        static PostgresServerAddress onPort(int port) {
            return new PostgresServerAddress() {
                @Override
                public String reactiveUrl(String database) {
                    return "postgresql://127.0.0.1:" + port + "/" + database;
                }

                @Override
                public String jdbcUrl(String database) {
                    return "jdbc:postgresql://127.0.0.1:" + port + "/" + database;
                }
            };
        }
    }
}
