package io.animalhospital.infra;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * Quarkus test resource: a throwaway PostgreSQL database and Kafka broker on free ports for one test run.
 * Use with {@code @WithTestResource(value = InfrastructureTestResource.class, scope = GLOBAL,
 * initArgs = @ResourceArg(name = "database", value = "reservation"))}; the optional init argument
 * {@code companions} (e.g. "diagnosis") also creates those databases and reserves a port for each
 * ({@code hospital.test.<name>-port}) for a neighbour service the tests run with {@link QuarkusApp}.
 */
public class InfrastructureTestResource implements QuarkusTestResourceLifecycleManager {

    private String database = "app";
    private List<String> companions = List.of();
    private Path baseDir;
    private PostgresServer postgres;
    private KafkaBroker kafka;

    @Override
    public void init(Map<String, String> initArgs) {
        database = initArgs.getOrDefault("database", database);
        String names = initArgs.getOrDefault("companions", "");
        companions = names.isBlank() ? List.of() : List.of(names.split(","));
    }

    @Override
    public Map<String, String> start() {
        try {
            // Readable by others: as root, the cluster below runs as the postgres user.
            baseDir = Files.createTempDirectory("animal-hospital-test-",
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwxr-xr-x")));
            postgres = new PostgresServer(baseDir.resolve("postgres"), Processes.freePort(), false)
                    .start(java.util.stream.Stream.concat(Stream.of(database), companions.stream()).toList());
            kafka = new KafkaBroker(baseDir.resolve("kafka"), Processes.freePort(), Processes.freePort(), 3).start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Map<String, String> config = new java.util.HashMap<>(Map.of(
                "quarkus.datasource.reactive.url", postgres.reactiveUrl(database),
                "quarkus.datasource.jdbc.url", postgres.jdbcUrl(database),
                "quarkus.datasource.username", PostgresServer.USER,
                "quarkus.datasource.password", PostgresServer.PASSWORD,
                "kafka.bootstrap.servers", kafka.bootstrapServers(),
                "hospital.test.postgres-port", String.valueOf(postgres.port())));
        // A companion service (run by the tests with QuarkusApp) gets its own database and a reserved port.
        for (String companion : companions) {
            config.put("hospital.test." + companion + "-port", String.valueOf(Processes.freePort()));
        }
        return config;
    }

    @Override
    public void stop() {
        if (kafka != null) {
            kafka.stop();
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
