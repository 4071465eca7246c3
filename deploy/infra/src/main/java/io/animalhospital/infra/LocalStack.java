package io.animalhospital.infra;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;

/**
 * The whole system on this machine: PostgreSQL, a Kafka broker, Keycloak, the five services (packaged jars) and
 * the entry point in front of them ({@link EntryPoint}, the one address a browser opens), with data kept in a state
 * directory across restarts. Ctrl-C or SIGTERM stops everything it started.
 *
 * <pre>
 * LocalStack [--infra-only]
 * </pre>
 * Environment: ANIMAL_HOSPITAL_STATE (default deploy/local/.state), PG_PORT (15432), KAFKA_PORT (19092),
 * KEYCLOAK_PORT (8180; its management port is the next one), SERVICE_PORT_BASE (8081), ENTRY_POINT_PORT (8080),
 * SERVICE_JAVA_OPTS (JVM options of each service), and per service extra options in e.g. DIAGNOSIS_JAVA_OPTS.
 * TRACING=zipkin (the default of {@code deploy/local/run}) or none (the default when a test drives the stack) starts
 * the trace viewer on ZIPKIN_PORT (9411) and has every service send its spans there; TRACING_SAMPLER_RATIO (1.0).
 * A system property of the same name wins over the variable (deploy/e2e's in-process stack on free ports).
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

    /** The parts besides the five services that {@link #kill(String)} and {@link #restart(String)} know. */
    public static final String POSTGRES = "postgres";
    public static final String KAFKA = "kafka";
    public static final String KEYCLOAK = "keycloak";

    /**
     * The demo accounts of {@code keycloak/local-development.json}: LOCAL DEVELOPMENT ONLY, their passwords are
     * published here and in the README.
     */
    public static final Map<String, String> DEMO_ACCOUNTS = new LinkedHashMap<>();
    static {
        DEMO_ACCOUNTS.put("customer", "customer-local-only");
        DEMO_ACCOUNTS.put("staff", "staff-local-only");
        DEMO_ACCOUNTS.put("admin", "admin-local-only");
    }

    /** The local-development client that allows the password grant (curl, the load scenarios). */
    public static final String CLI_CLIENT = "animal-hospital-cli";

    /**
     * Five JVMs, PostgreSQL and Kafka share a small machine: a small heap and code cache, the serial collector,
     * and the native heap given back periodically keep each service small (metaspace alone is ~100 MB);
     * MALLOC_ARENA_MAX=2 is set beside them. C1 only: on two cores the C2 compilers of five JVMs took a third of
     * the CPU of a measured minute and never finished; C1 alone doubled placements per second at 50 users and
     * compiles in the first seconds (deploy/load/results/runtime.md, decision 0008).
     */
    static final String DEFAULT_JAVA_OPTS = "-Xms32m -Xmx96m -XX:+UseSerialGC -XX:ReservedCodeCacheSize=48m -Xss512k "
            + "-XX:MaxDirectMemorySize=32m -XX:TieredStopAtLevel=1 -XX:+UnlockExperimentalVMOptions "
            + "-XX:TrimNativeHeapInterval=5000";

    private final Path root;
    private final Path state;
    private final Map<String, QuarkusApp> services = new LinkedHashMap<>();
    private int pgPort;
    private int kafkaPort;
    private PostgresServer postgres;
    private KafkaBroker kafka;
    private KeycloakServer keycloak;
    private EntryPoint entryPoint;
    private int entryPointPort;
    private String tracing = env("TRACING", "none");
    private ZipkinServer zipkin;

    /**
     * A stack whose data lives in {@code state}; also driven in-process by the chaos run, which kills and
     * restarts one part at a time.
     */
    public LocalStack(Path root, Path state) {
        this.root = root;
        this.state = state;
    }

    public static void main(String[] args) throws Exception {
        boolean infraOnly = List.of(args).contains("--infra-only");
        Path root = Path.of(System.getProperty("animal.root", ".")).toAbsolutePath().normalize();
        Path state = Path.of(env("ANIMAL_HOSPITAL_STATE", root.resolve("deploy/local/.state").toString()))
                .toAbsolutePath();
        LocalStack stack = new LocalStack(root, state).tracing(env("TRACING", "zipkin"));
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

    /** zipkin: the trace viewer runs beside the stack and receives every service's spans; none: no viewer. */
    public LocalStack tracing(String exporter) {
        if (!List.of("zipkin", "none").contains(exporter)) {
            throw new IllegalArgumentException("TRACING is zipkin or none, not " + exporter);
        }
        this.tracing = exporter;
        return this;
    }

    /** The trace viewer, when the stack runs with one. */
    public Optional<ZipkinServer> zipkin() {
        return Optional.ofNullable(zipkin);
    }

    public void start(boolean infraOnly) throws IOException {
        long started = System.nanoTime();
        pgPort = Integer.parseInt(env("PG_PORT", "15432"));
        kafkaPort = Integer.parseInt(env("KAFKA_PORT", "19092"));
        int keycloakPort = Integer.parseInt(env("KEYCLOAK_PORT", "8180"));
        entryPointPort = Integer.parseInt(env("ENTRY_POINT_PORT", "8080"));
        int zipkinPort = Integer.parseInt(env("ZIPKIN_PORT", "9411"));
        List<Integer> ports = new ArrayList<>(List.of(pgPort, kafkaPort, kafkaPort + 1, keycloakPort, keycloakPort + 1,
                entryPointPort));
        if (tracing.equals("zipkin")) {
            ports.add(zipkinPort);
        }
        for (int port : ports) {
            if (Processes.portOpen(port)) {
                throw new IllegalStateException("port " + port + " is in use (is a stack already running?); "
                        + "choose others with PG_PORT / KAFKA_PORT / KEYCLOAK_PORT / ENTRY_POINT_PORT / ZIPKIN_PORT");
            }
        }
        Path logs = Files.createDirectories(state.resolve("logs"));
        log("state directory: " + state);
        if (tracing.equals("zipkin")) {
            // Started first, waited for last: it takes seconds and needs nothing else.
            zipkin = new ZipkinServer(logs, zipkinPort).start();
        }
        postgres = new PostgresServer(state.resolve("postgres"), pgPort, true);
        postgres.start(databases());
        log("PostgreSQL   127.0.0.1:" + pgPort + "  (user " + PostgresServer.USER + ", log " + postgres.logFile() + ")");
        kafka = new KafkaBroker(state.resolve("kafka"), kafkaPort, kafkaPort + 1, 3);
        keycloak = new KeycloakServer(state.resolve("keycloak"), keycloakPort, keycloakPort + 1, postgres,
                localSecret("admin-password"), localSecret("reservation-service-secret"));
        // Side by side: both take seconds, neither needs the other.
        java.util.concurrent.CompletableFuture<KafkaBroker> broker =
                java.util.concurrent.CompletableFuture.supplyAsync(kafka::start);
        keycloak.start();
        keycloak.importIntoRealm(KeycloakServer.resource("keycloak/local-development.json"));
        keycloak.allowWebRedirects(entryPointUrl(), "http://localhost:" + entryPointPort);
        broker.join();
        log("Kafka        " + kafka.bootstrapServers() + "  (log " + kafka.logFile() + ")");
        log("Keycloak     " + keycloak.url() + "  (realm " + KeycloakServer.REALM + "; admin console " + keycloak.url()
                + "/admin: admin / " + localSecret("admin-password") + " — local only; log " + keycloak.logFile() + ")");
        if (zipkin != null) {
            zipkin.awaitReady();
            log("Traces       " + zipkin.url() + "  (Zipkin; find a booking's trace by tag reservation.id=<id>; log "
                    + zipkin.logFile() + ")");
        }
        if (infraOnly) {
            // In front of the services as `quarkus:dev` runs them (their ports), so that the web UI works there too.
            startEntryPoint();
            log("Entry point  " + entryPointUrl() + "  (to the services on ports " + SERVICES.values() + ")");
            logAccounts();
            log("reservation-service's client secret for quarkus dev: export QUARKUS_OIDC_CLIENT_CREDENTIALS_SECRET=$(cat "
                    + state.resolve("keycloak/reservation-service-secret") + ")");
            zipkin().ifPresent(viewer -> log("its spans to the viewer in quarkus dev: export HOSPITAL_TRACING_EXPORTER=zipkin"
                    + " HOSPITAL_TRACING_ZIPKIN_ENDPOINT=" + viewer.spansEndpoint()));
            log("infrastructure ready; live-code a service with: cd <service> && ../mvnw quarkus:dev");
            log("Ctrl-C stops it.");
            return;
        }
        for (Map.Entry<String, Integer> service : SERVICES.entrySet()) {
            services.put(service.getKey(), startService(service.getKey(), service.getValue(), logs));
        }
        for (QuarkusApp service : services.values()) {
            service.awaitReady(Duration.ofSeconds(180));
        }
        startEntryPoint();
        // "all five services ready in N s": the load scenarios wait for these words.
        log(String.format("all five services ready in %.1f s, the entry point too", (System.nanoTime() - started) / 1e9));
        log("Open " + entryPointUrl() + " — sign in as customer / " + DEMO_ACCOUNTS.get("customer") + " (staff: staff / "
                + DEMO_ACCOUNTS.get("staff") + ", admin: admin / " + DEMO_ACCOUNTS.get("admin") + ")");
        zipkin().ifPresent(viewer -> log("Traces: " + viewer.url() + " (search: reservation.id=<id>)"));
        for (Map.Entry<String, Integer> service : SERVICES.entrySet()) {
            log(String.format("%-12s http://127.0.0.1:%d   (Swagger UI /q/swagger-ui, log %s)",
                    service.getKey(), service.getValue(), logs.resolve(service.getKey() + "-service.log")));
        }
        logAccounts();
        log("Ctrl-C stops everything.");
    }

    private void logAccounts() {
        log("Demo accounts (LOCAL DEVELOPMENT ONLY, published passwords):");
        DEMO_ACCOUNTS.forEach((user, password) -> log(String.format("  %-9s password %s", user, password)));
        log("A token for curl:  curl -s -d grant_type=password -d client_id=" + CLI_CLIENT
                + " -d username=customer -d password=customer-local-only " + keycloak.tokenEndpoint() + " | jq -r .access_token");
    }

    private void startEntryPoint() {
        Map<String, java.net.URI> backends = new LinkedHashMap<>();
        SERVICES.forEach((name, port) -> backends.put(name + "-service", java.net.URI.create("http://127.0.0.1:" + port)));
        entryPoint = EntryPoint.start("127.0.0.1", entryPointPort, RoutingTable.load(), backends);
    }

    /** Where a browser opens the system: the entry point, {@code http://127.0.0.1:8080} unless ENTRY_POINT_PORT. */
    public String entryPointUrl() {
        return "http://127.0.0.1:" + entryPointPort;
    }

    /** The services' databases and Keycloak's. */
    private static List<String> databases() {
        List<String> databases = new ArrayList<>(SERVICES.keySet());
        databases.add(KeycloakServer.DATABASE);
        return databases;
    }

    /**
     * A secret this machine made up on the stack's first start and keeps in the state directory (Keycloak's
     * bootstrap administrator, reservation-service's client secret): never in the repository.
     */
    private String localSecret(String name) {
        return localSecret("keycloak", name);
    }

    private String localSecret(String folder, String name) {
        try {
            Path file = state.resolve(folder).resolve(name);
            if (!Files.exists(file)) {
                Files.createDirectories(file.getParent());
                Files.writeString(file, KeycloakServer.randomSecret());
                Files.setPosixFilePermissions(file, java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"));
            }
            return Files.readString(file).trim();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** The local Keycloak, for the load scenarios' tokens. */
    public KeycloakServer keycloak() {
        return keycloak;
    }

    private QuarkusApp startService(String name, int port, Path logs) {
        QuarkusApp app = new QuarkusApp(name + "-service", root.resolve(name + "-service/target/quarkus-app/quarkus-run.jar"),
                port, logs.resolve(name + "-service.log"))
                .jvm(List.of(env("SERVICE_JAVA_OPTS", DEFAULT_JAVA_OPTS).split("\\s+")))
                .jvm(List.of(env(name.toUpperCase() + "_JAVA_OPTS", "").trim().split("\\s+")))
                .infrastructure(postgres, name, kafka.bootstrapServers())
                .env("MALLOC_ARENA_MAX", env("MALLOC_ARENA_MAX", "2"))
                .env("HOSPITAL_ENTRY_POINT_URL", entryPointUrl())
                // The web pages' session and sign-in state are encrypted with it (SPEC §8); made up on this machine.
                .env("HOSPITAL_WEB_SESSION_SECRET", localSecret("web", "session-secret"))
                .env("QUARKUS_OIDC_AUTH_SERVER_URL", keycloak.realmUrl())
                .env("HOSPITAL_TRACING_SAMPLER_RATIO", env("TRACING_SAMPLER_RATIO", "1.0"));
        if (zipkin != null) {
            app.env("HOSPITAL_TRACING_EXPORTER", "zipkin").env("HOSPITAL_TRACING_ZIPKIN_ENDPOINT", zipkin.spansEndpoint());
        }
        // Every service knows every other one (the web pages call the APIs of all five).
        SERVICES.forEach((other, otherPort) -> app.env(other.toUpperCase() + "_SERVICE_URL", "http://127.0.0.1:" + otherPort));
        if (name.equals("reservation")) {
            // Its own client-credentials token for the booking calls. Only here: in a service without the OIDC
            // client, Quarkus would read these variables as an OIDC tenant named "client".
            app.env("QUARKUS_OIDC_CLIENT_AUTH_SERVER_URL", keycloak.realmUrl())
                    .env("QUARKUS_OIDC_CLIENT_CREDENTIALS_SECRET", keycloak.serviceClientSecret());
        }
        app.launch();
        log("started " + name + "-service (pid " + app.process().map(ProcessHandle::pid).orElse(-1L) + ")");
        return app;
    }

    /** The service ports by service name (reservation, diagnosis, billing, notice, lookup). */
    public Map<String, Integer> servicePorts() {
        return Collections.unmodifiableMap(SERVICES);
    }

    public int postgresPort() {
        return pgPort;
    }

    /** postgres, kafka, keycloak, then the five services: every part that can be killed and restarted. */
    public List<String> parts() {
        List<String> parts = new ArrayList<>(List.of(POSTGRES, KAFKA, KEYCLOAK));
        parts.addAll(SERVICES.keySet());
        return parts;
    }

    /** The part's main process now, if it runs (for PostgreSQL: the postmaster). */
    public Optional<ProcessHandle> process(String part) {
        return switch (part) {
            case POSTGRES -> postgres.process();
            case KAFKA -> kafka.process();
            case KEYCLOAK -> keycloak.process();
            default -> service(part).process();
        };
    }

    /** A crash of one part: SIGKILL, no graceful shutdown; returns once it is gone. */
    public void kill(String part) {
        switch (part) {
            case POSTGRES -> postgres.kill();
            case KAFKA -> kafka.kill();
            case KEYCLOAK -> keycloak.kill();
            default -> service(part).kill();
        }
        log("killed " + part + " (SIGKILL)");
    }

    /**
     * Starts a part again with its kept data, as a restart policy would. PostgreSQL and Kafka are started
     * synchronously (until they accept connections); a service is launched without waiting: see {@link #ready}.
     */
    public void restart(String part) {
        switch (part) {
            case POSTGRES -> postgres.start(databases());
            case KAFKA -> kafka.start();
            case KEYCLOAK -> keycloak.start();
            default -> service(part).launch();
        }
        log("restarted " + part + process(part).map(p -> " (pid " + p.pid() + ")").orElse(""));
    }

    /** Whether the service answers UP on /q/health/ready. */
    public boolean ready(String service) {
        return service(service).isReady();
    }

    public Path logFile(String part) {
        return switch (part) {
            case POSTGRES -> postgres.logFile();
            case KAFKA -> kafka.logFile();
            case KEYCLOAK -> keycloak.logFile();
            default -> service(part).log();
        };
    }

    private QuarkusApp service(String name) {
        QuarkusApp app = services.get(name);
        if (app == null) {
            throw new IllegalArgumentException("no such part: " + name + " (known: " + parts() + ")");
        }
        return app;
    }

    /** Stops everything it started: the entry point, the services (SIGTERM), Keycloak, Kafka, then PostgreSQL. */
    public void stop() {
        log("stopping...");
        if (entryPoint != null) {
            entryPoint.close();
        }
        services.values().forEach(service -> service.process().ifPresent(ProcessHandle::destroy));
        services.values().forEach(QuarkusApp::stop);
        // After the services: their last spans go out as they stop.
        if (zipkin != null) {
            zipkin.stop();
        }
        if (keycloak != null) {
            keycloak.stop();
        }
        if (kafka != null) {
            kafka.stop();
        }
        if (postgres != null) {
            postgres.stop();
        }
        log("stopped.");
    }

    /** A setting from the environment, or from a system property of the same name (a test's stack on free ports). */
    private static String env(String name, String fallback) {
        String value = System.getProperty(name, System.getenv(name));
        return value == null || value.isBlank() ? fallback : value;
    }

    private static void log(String message) {
        System.out.println("[local-stack] " + message);
        System.out.flush();
    }
}
