package io.animalhospital.infra;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

/**
 * The whole system on this machine: PostgreSQL, a Kafka broker and the five services (packaged jars),
 * with data kept in a state directory across restarts. Ctrl-C or SIGTERM stops everything it started.
 *
 * <pre>
 * LocalStack [--infra-only]
 * </pre>
 * Environment: ANIMAL_HOSPITAL_STATE (default deploy/local/.state), PG_PORT (15432), KAFKA_PORT (19092),
 * SERVICE_PORT_BASE (8081),
 * SERVICE_JAVA_OPTS (JVM options of each service), and per service extra options in e.g. DIAGNOSIS_JAVA_OPTS.
 */
public final class LocalStack {

    /**
     * Service name → HTTP port (SPEC §1: 8081–8085; SERVICE_PORT_BASE moves the block, e.g. for a second stack).
     * The database is named after the service's domain.
     */
    static final Map<String, Integer> SERVICES = new LinkedHashMap<>();
    static {
        int base = Integer.parseInt(env("SERVICE_PORT_BASE", "8081"));
        for (String service : List.of("reservation", "diagnosis", "billing", "notice", "lookup")) {
            SERVICES.put(service, base + SERVICES.size());
        }
    }

    private final Path root;
    private final Path state;
    private final List<QuarkusApp> services = new ArrayList<>();
    private PostgresServer postgres;
    private KafkaBroker kafka;

    private LocalStack(Path root, Path state) {
        this.root = root;
        this.state = state;
    }

    public static void main(String[] args) throws Exception {
        boolean infraOnly = List.of(args).contains("--infra-only");
        Path root = Path.of(System.getProperty("animal.root", ".")).toAbsolutePath().normalize();
        Path state = Path.of(env("ANIMAL_HOSPITAL_STATE", root.resolve("deploy/local/.state").toString()))
                .toAbsolutePath();
        LocalStack stack = new LocalStack(root, state);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            stack.stop();
            stopped.countDown();
        }, "local-stack-stop"));
        try {
            stack.start(infraOnly);
        } catch (RuntimeException e) {
            log("FAILED: " + e.getMessage());
            System.exit(1);
        }
        stopped.await();
    }

    private void start(boolean infraOnly) throws IOException {
        long started = System.nanoTime();
        int pgPort = Integer.parseInt(env("PG_PORT", "15432"));
        int kafkaPort = Integer.parseInt(env("KAFKA_PORT", "19092"));
        for (int port : List.of(pgPort, kafkaPort, kafkaPort + 1)) {
            if (Processes.portOpen(port)) {
                throw new IllegalStateException("port " + port + " is in use (is a stack already running?); "
                        + "choose others with PG_PORT / KAFKA_PORT");
            }
        }
        Path logs = Files.createDirectories(state.resolve("logs"));
        log("state directory: " + state);
        postgres = new PostgresServer(state.resolve("postgres"), pgPort, true);
        postgres.start(List.copyOf(SERVICES.keySet()));
        log("PostgreSQL   127.0.0.1:" + pgPort + "  (user " + PostgresServer.USER + ", log " + postgres.logFile() + ")");
        kafka = new KafkaBroker(state.resolve("kafka"), kafkaPort, kafkaPort + 1, 3);
        kafka.start();
        log("Kafka        " + kafka.bootstrapServers() + "  (log " + kafka.logFile() + ")");
        if (infraOnly) {
            log("infrastructure ready; live-code a service with: cd <service> && ../mvnw quarkus:dev");
            log("Ctrl-C stops it.");
            return;
        }
        for (Map.Entry<String, Integer> service : SERVICES.entrySet()) {
            services.add(startService(service.getKey(), service.getValue(), logs));
        }
        for (QuarkusApp service : services) {
            service.awaitReady(Duration.ofSeconds(180));
        }
        log(String.format("all five services ready in %.1f s", (System.nanoTime() - started) / 1e9));
        for (Map.Entry<String, Integer> service : SERVICES.entrySet()) {
            log(String.format("%-12s http://127.0.0.1:%d   (Swagger UI /q/swagger-ui, log %s)",
                    service.getKey(), service.getValue(), logs.resolve(service.getKey() + "-service.log")));
        }
        log("Ctrl-C stops everything.");
    }

    private QuarkusApp startService(String name, int port, Path logs) {
        QuarkusApp app = new QuarkusApp(name + "-service", root.resolve(name + "-service/target/quarkus-app/quarkus-run.jar"),
                port, logs.resolve(name + "-service.log"))
                .jvm(List.of(env("SERVICE_JAVA_OPTS", "-Xms64m -Xmx192m -XX:+UseSerialGC").split("\\s+")))
                .jvm(List.of(env(name.toUpperCase() + "_JAVA_OPTS", "").trim().split("\\s+")))
                .infrastructure(postgres, name, kafka.bootstrapServers())
                .env("DIAGNOSIS_SERVICE_URL", "http://127.0.0.1:" + SERVICES.get("diagnosis"))
                .launch();
        log("started " + name + "-service (pid " + app.process().map(ProcessHandle::pid).orElse(-1L) + ")");
        return app;
    }

    private void stop() {
        log("stopping...");
        services.forEach(service -> service.process().ifPresent(ProcessHandle::destroy));
        services.forEach(QuarkusApp::stop);
        if (kafka != null) {
            kafka.stop();
        }
        if (postgres != null) {
            postgres.stop();
        }
        log("stopped.");
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }

    private static void log(String message) {
        System.out.println("[local-stack] " + message);
        System.out.flush();
    }
}
