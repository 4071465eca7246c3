package io.animalhospital.infra;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * A PostgreSQL cluster run from the installed server binaries (no Docker): initdb once, pg_ctl start/stop.
 * The data directory is kept, so a persistent directory survives restarts of the local stack.
 */
public final class PostgresServer implements QuarkusApp.PostgresServerAddress {

    public static final String USER = "hospital";
    public static final String PASSWORD = "hospital";

    private final Path baseDir;
    private final int port;
    private final boolean durable;
    private final Path bin;

    /**
     * @param baseDir directory owned by this server (data and log live below it)
     * @param port    TCP port on 127.0.0.1
     * @param durable false only for throwaway test data: turns fsync off to save the tests' time
     */
    public PostgresServer(Path baseDir, int port, boolean durable) {
        this.baseDir = baseDir.toAbsolutePath();
        this.port = port;
        this.durable = durable;
        this.bin = findBinaries();
    }

    public int port() {
        return port;
    }

    public Path dataDir() {
        return baseDir.resolve("data");
    }

    public Path logFile() {
        return baseDir.resolve("postgres.log");
    }

    @Override
    public String jdbcUrl(String database) {
        return "jdbc:postgresql://127.0.0.1:" + port + "/" + database;
    }

    @Override
    public String reactiveUrl(String database) {
        return "postgresql://127.0.0.1:" + port + "/" + database;
    }

    /** Initialises the cluster if needed, starts it and creates the given databases if missing. */
    public PostgresServer start(List<String> databases) {
        try {
            Files.createDirectories(baseDir);
            if (Processes.runningAsRoot()) {
                // initdb refuses root: the postgres user owns the cluster's directory.
                Processes.run(List.of("chown", "-R", "postgres:postgres", baseDir.toString()),
                        Path.of("/dev/null"), Duration.ofSeconds(30));
            }
            Path setupLog = baseDir.resolve("setup.log");
            if (!Files.exists(dataDir().resolve("PG_VERSION"))) {
                Processes.run(Processes.asPostgresUser(List.of(bin.resolve("initdb").toString(),
                        "-D", dataDir().toString(), "-U", "postgres", "--auth=trust", "--encoding=UTF8",
                        "--locale=C.UTF-8")), setupLog, Duration.ofSeconds(120));
            }
            List<String> options = new ArrayList<>(List.of("-p " + port, "-c listen_addresses=127.0.0.1",
                    "-c unix_socket_directories=''", "-c max_connections=300"));
            if (!durable) {
                options.add("-c fsync=off -c synchronous_commit=off -c full_page_writes=off");
            }
            Processes.run(Processes.asPostgresUser(List.of(bin.resolve("pg_ctl").toString(), "start", "-w",
                    "-t", "60", "-D", dataDir().toString(), "-l", logFile().toString(),
                    "-o", String.join(" ", options))), setupLog, Duration.ofSeconds(90));
            sql("postgres", "DO $$ BEGIN IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '" + USER + "') "
                    + "THEN CREATE ROLE " + USER + " LOGIN PASSWORD '" + PASSWORD + "'; END IF; END $$;", setupLog);
            for (String database : databases) {
                String exists = query("postgres", "SELECT 1 FROM pg_database WHERE datname = '" + database + "'");
                if (!exists.contains("1")) {
                    sql("postgres", "CREATE DATABASE " + database + " OWNER " + USER, setupLog);
                }
            }
            return this;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Fast shutdown: active transactions roll back, the data stays consistent. */
    public void stop() {
        if (!Files.exists(dataDir().resolve("postmaster.pid"))) {
            return;
        }
        try {
            Processes.run(Processes.asPostgresUser(List.of(bin.resolve("pg_ctl").toString(), "stop", "-w",
                    "-m", "fast", "-D", dataDir().toString())), Path.of("/dev/null"), Duration.ofSeconds(60));
        } catch (IllegalStateException e) {
            System.getLogger(PostgresServer.class.getName()).log(System.Logger.Level.WARNING, e.getMessage());
        }
    }

    /**
     * A crash: SIGKILL to the postmaster, as the OOM killer would. Its children notice the postmaster's death and
     * exit on their own; any still there after a few seconds are killed too, as a container runtime kills the
     * rest of a container whose main process died. A restart must find no process attached to the old shared
     * memory, or PostgreSQL refuses to start. The postmaster.pid left behind is stale: the next {@link #start}
     * sees that its process is gone and recovers from the WAL.
     */
    public void kill() {
        Optional<ProcessHandle> postmaster = process();
        if (postmaster.isEmpty()) {
            return;
        }
        List<ProcessHandle> children = postmaster.get().descendants().toList();
        Processes.kill(postmaster.get());
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        for (ProcessHandle child : children) {
            while (child.isAlive() && System.nanoTime() < deadline) {
                sleep(50);
            }
            if (child.isAlive()) {
                Processes.kill(child);
            }
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The postmaster's process, e.g. for fault injection. */
    public Optional<ProcessHandle> process() {
        try {
            Path pidFile = dataDir().resolve("postmaster.pid");
            if (!Files.exists(pidFile)) {
                return Optional.empty();
            }
            long pid = Long.parseLong(Files.readAllLines(pidFile).get(0).trim());
            return ProcessHandle.of(pid);
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    private void sql(String database, String statement, Path log) {
        Processes.run(List.of(bin.resolve("psql").toString(), "-h", "127.0.0.1", "-p", String.valueOf(port),
                "-U", "postgres", "-d", database, "-v", "ON_ERROR_STOP=1", "-q", "-c", statement),
                log, Duration.ofSeconds(60));
    }

    private String query(String database, String statement) throws IOException {
        Path out = Files.createTempFile("psql", ".out");
        try {
            Processes.run(List.of(bin.resolve("psql").toString(), "-h", "127.0.0.1", "-p", String.valueOf(port),
                    "-U", "postgres", "-d", database, "-tA", "-c", statement), out, Duration.ofSeconds(60));
            return Files.readString(out);
        } finally {
            Files.deleteIfExists(out);
        }
    }

    /** pg_ctl on PATH, else the newest version under Debian's /usr/lib/postgresql. */
    static Path findBinaries() {
        String override = System.getenv("PG_BIN");
        if (override != null && !override.isBlank()) {
            return Path.of(override);
        }
        for (String dir : System.getenv().getOrDefault("PATH", "").split(":")) {
            Path pgCtl = Path.of(dir.isBlank() ? "." : dir, "pg_ctl");
            if (!dir.isBlank() && Files.isExecutable(pgCtl)) {
                try {
                    // Follow links (e.g. /usr/local/bin/pg_ctl) to the folder that also holds psql and initdb.
                    Path real = pgCtl.toRealPath().getParent();
                    if (Files.isExecutable(real.resolve("psql")) && Files.isExecutable(real.resolve("initdb"))) {
                        return real;
                    }
                } catch (IOException e) {
                    // Unreadable entry on PATH: keep looking.
                }
            }
        }
        Path debian = Path.of("/usr/lib/postgresql");
        if (Files.isDirectory(debian)) {
            try (Stream<Path> versions = Files.list(debian)) {
                Optional<Path> newest = versions
                        .filter(p -> Files.isExecutable(p.resolve("bin/pg_ctl")))
                        .max(Comparator.comparingInt(PostgresServer::majorVersion));
                if (newest.isPresent()) {
                    return newest.get().resolve("bin");
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        throw new IllegalStateException("PostgreSQL server binaries not found: install PostgreSQL 15+ "
                + "(Debian: apt-get install postgresql) or set PG_BIN to the folder holding pg_ctl and initdb");
    }

    private static int majorVersion(Path versionDir) {
        try {
            return Integer.parseInt(versionDir.getFileName().toString().replaceAll("\\D.*", ""));
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}
