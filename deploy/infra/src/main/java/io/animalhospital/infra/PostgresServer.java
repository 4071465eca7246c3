package io.animalhospital.infra;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A PostgreSQL cluster (no Docker): initdb once, pg_ctl start/stop, from the server binaries of Maven Central
 * ({@link PostgresBinaries}) or, with {@code PG_BIN}, installed ones. The data directory is kept, so a persistent
 * directory survives restarts of the local stack.
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
                // initdb refuses root: an unprivileged user owns the cluster's directory.
                Processes.run(List.of("chown", "-R", Processes.UNPRIVILEGED_USER, baseDir.toString()),
                        Path.of("/dev/null"), Duration.ofSeconds(30));
            }
            Path setupLog = baseDir.resolve("setup.log");
            refuseAnotherMajorVersion();
            if (!Files.exists(dataDir().resolve("PG_VERSION"))) {
                Processes.run(Processes.asUnprivilegedUser(List.of(bin.resolve("initdb").toString(),
                        "-D", dataDir().toString(), "-U", "postgres", "--auth=trust", "--encoding=UTF8",
                        "--locale=C.UTF-8")), setupLog, Duration.ofSeconds(120));
            }
            List<String> options = new ArrayList<>(List.of("-p " + port, "-c listen_addresses=127.0.0.1",
                    "-c unix_socket_directories=''", "-c max_connections=300"));
            if (!durable) {
                options.add("-c fsync=off -c synchronous_commit=off -c full_page_writes=off");
            }
            Processes.run(Processes.asUnprivilegedUser(List.of(bin.resolve("pg_ctl").toString(), "start", "-w",
                    "-t", "60", "-D", dataDir().toString(), "-l", logFile().toString(),
                    "-o", String.join(" ", options))), setupLog, Duration.ofSeconds(90));
            createRoleAndDatabases(databases);
            return this;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The application's role and databases, over JDBC as the cluster's superuser (trusted on 127.0.0.1 only). */
    private void createRoleAndDatabases(List<String> databases) {
        try (Connection connection = DriverManager.getConnection(jdbcUrl("postgres"), "postgres", "");
                Statement statement = connection.createStatement()) {
            statement.execute("DO $$ BEGIN IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '" + USER + "') "
                    + "THEN CREATE ROLE " + USER + " LOGIN PASSWORD '" + PASSWORD + "'; END IF; END $$;");
            for (String database : databases) {
                try (ResultSet exists = statement.executeQuery(
                        "SELECT 1 FROM pg_database WHERE datname = '" + database + "'")) {
                    if (exists.next()) {
                        continue;
                    }
                }
                statement.execute("CREATE DATABASE " + database + " OWNER " + USER);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot set up PostgreSQL on port " + port + ": " + e.getMessage(), e);
        }
    }

    /** A data directory of another major version cannot be started: say so instead of pg_ctl's log line. */
    private void refuseAnotherMajorVersion() throws IOException {
        Path version = dataDir().resolve("PG_VERSION");
        if (!Files.exists(version)) {
            return;
        }
        String data = Files.readString(version).trim();
        String server = serverMajorVersion();
        if (server != null && !server.equals(data)) {
            throw new IllegalStateException("The data in " + dataDir() + " is PostgreSQL " + data + "'s; these binaries ("
                    + bin + ") are PostgreSQL " + server + "'s. Remove that folder to start afresh, or point PG_BIN at"
                    + " PostgreSQL " + data + " binaries.");
        }
    }

    /** The major version of the binaries, from {@code postgres --version}; null if it cannot be told. */
    private String serverMajorVersion() {
        try {
            Process process = new ProcessBuilder(bin.resolve("postgres").toString(), "--version").redirectErrorStream(true).start();
            String out = new String(process.getInputStream().readAllBytes()).trim();
            process.waitFor();
            java.util.regex.Matcher m = java.util.regex.Pattern.compile("(\\d+)(\\.\\d+)?").matcher(out);
            return m.find() ? m.group(1) : null;
        } catch (IOException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    /** Fast shutdown: active transactions roll back, the data stays consistent. */
    public void stop() {
        if (!Files.exists(dataDir().resolve("postmaster.pid"))) {
            return;
        }
        try {
            Processes.run(Processes.asUnprivilegedUser(List.of(bin.resolve("pg_ctl").toString(), "stop", "-w",
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

    /** {@code PG_BIN} (installed server binaries) if set, else those from Maven Central. */
    static Path findBinaries() {
        String override = System.getenv("PG_BIN");
        if (override != null && !override.isBlank()) {
            return Path.of(override);
        }
        return PostgresBinaries.bin();
    }
}
