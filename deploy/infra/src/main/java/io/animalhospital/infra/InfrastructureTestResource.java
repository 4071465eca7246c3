package io.animalhospital.infra;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * Quarkus test resource: a throwaway PostgreSQL database and Kafka broker on free ports for one test run.
 * Use with {@code @WithTestResource(value = InfrastructureTestResource.class, scope = GLOBAL,
 * initArgs = @ResourceArg(name = "database", value = "reservation"))}; the optional init argument
 * {@code companions} (e.g. "diagnosis") also creates those databases and reserves a port for each
 * ({@code hospital.test.<name>-port}) for a neighbour service the tests run with {@link QuarkusApp}.
 * Keycloak (realm {@value KeycloakServer#REALM}) is set up for {@link TestIdentity}: in a Maven run one for all
 * modules ({@link SharedIdentity}, decision 0085), else its own beside the broker with its data in the same
 * PostgreSQL; the init argument {@code identity=false} leaves it out.
 */
public class InfrastructureTestResource implements QuarkusTestResourceLifecycleManager {

    private String database = "app";
    private List<String> companions = List.of();
    private Path baseDir;
    private PostgresServer postgres;
    private KafkaBroker kafka;
    private KeycloakServer keycloak;
    private boolean identity = true;
    private Map<String, String> identityConfig = Map.of();

    @Override
    public void init(Map<String, String> initArgs) {
        database = initArgs.getOrDefault("database", database);
        String names = initArgs.getOrDefault("companions", "");
        companions = names.isBlank() ? List.of() : List.of(names.split(","));
        identity = Boolean.parseBoolean(initArgs.getOrDefault("identity", "true"));
    }

    @Override
    public Map<String, String> start() {
        try {
            // Readable by others: as root, the cluster below runs as the postgres user.
            baseDir = Files.createTempDirectory("animal-hospital-test-",
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwxr-xr-x")));
            List<String> databases = new java.util.ArrayList<>(List.of(database));
            databases.addAll(companions);
            kafka = new KafkaBroker(baseDir.resolve("kafka"), Processes.freePort(), Processes.freePort(), 3);
            // Side by side: Keycloak's start is the longest of the three.
            java.util.concurrent.CompletableFuture<KafkaBroker> broker =
                    java.util.concurrent.CompletableFuture.supplyAsync(kafka::start);
            Optional<Map<String, String>> shared = identity ? SharedIdentity.ofThisBuild() : Optional.empty();
            if (identity && shared.isEmpty()) {
                databases.add(KeycloakServer.DATABASE);
            }
            postgres = new PostgresServer(baseDir.resolve("postgres"), Processes.freePort(), false).start(databases);
            if (shared.isPresent()) {
                identityConfig = shared.get();
            } else if (identity) {
                keycloak = new KeycloakServer(baseDir.resolve("keycloak"), Processes.freePort(), Processes.freePort(),
                        postgres, KeycloakServer.randomSecret(), KeycloakServer.randomSecret());
                keycloak.start();
                identityConfig = identityConfig(keycloak);
            }
            broker.join();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Map<String, String> config = new java.util.HashMap<>(Map.of(
                "quarkus.datasource.reactive.url", postgres.reactiveUrl(database),
                "quarkus.datasource.jdbc.url", postgres.jdbcUrl(database),
                "quarkus.datasource.username", PostgresServer.USER,
                "quarkus.datasource.password", PostgresServer.PASSWORD,
                "kafka.bootstrap.servers", kafka.bootstrapServers(),
                "hospital.test.postgres-port", String.valueOf(postgres.port()),
                "hospital.test.postgres-dir", baseDir.resolve("postgres").toString()));
        config.putAll(identityConfig);
        // A companion service (run by the tests with QuarkusApp) gets its own database and a reserved port.
        for (String companion : companions) {
            config.put("hospital.test." + companion + "-port", String.valueOf(Processes.freePort()));
        }
        return config;
    }

    /** What the tests and the services need to know of a Keycloak set up for {@link TestIdentity}. */
    static Map<String, String> identityConfig(KeycloakServer keycloak) {
        Map<String, String> config = new java.util.HashMap<>(TestIdentity.setUp(keycloak));
        config.put("quarkus.oidc.auth-server-url", keycloak.realmUrl());
        config.put("quarkus.oidc-client.auth-server-url", keycloak.realmUrl());
        config.put("quarkus.oidc-client.credentials.secret", keycloak.serviceClientSecret());
        return config;
    }

    /**
     * Ends the run's throwaway broker and Keycloak at once (SIGKILL): their data is deleted right after, so a
     * controlled shutdown (Kafka's takes seconds) would only cost time. PostgreSQL's fast shutdown is quick, and
     * unlike a SIGKILL removes its shared memory. The application was stopped before this.
     */
    @Override
    public void stop() {
        if (keycloak != null) {
            keycloak.kill();
        }
        if (kafka != null) {
            kafka.kill();
        }
        if (postgres != null) {
            postgres.stop();
        }
        deleteQuietly(baseDir);
    }

    private static void deleteQuietly(Path dir) {
        if (dir == null || !Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // A leftover temp directory is harmless.
        }
    }
}
