package io.animalhospital.infra;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * One Keycloak (its data in a PostgreSQL of its own) for every module a Maven run tests, instead of one per module
 * (decision 0085): the first module's tests start it, the later ones find it through a folder named after the Maven
 * process, and a watchdog stops it and removes the folder when that process exits. Each module keeps its own
 * PostgreSQL and Kafka (tests stop and break those). Outside a Maven run (an IDE), or with
 * {@code -Dhospital.test.shared-identity=false} on the test JVM, or {@code HOSPITAL_TEST_SHARED_IDENTITY=false},
 * every test run starts its own as before.
 */
final class SharedIdentity {

    /** Maven's main class: the ancestor process a test JVM was forked by. */
    private static final String MAVEN_LAUNCHER = "org.codehaus.plexus.classworlds.launcher.Launcher";
    private static final String STATE = "identity.properties";
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private SharedIdentity() {
    }

    /**
     * The configuration of this Maven run's Keycloak ({@code hospital.test.*} and the services' OIDC lines), started
     * now if no module of the run has started it yet; empty when identity is not shared.
     */
    static synchronized Optional<Map<String, String>> ofThisBuild() {
        if (!enabled()) {
            return Optional.empty();
        }
        Optional<ProcessHandle> maven = mavenProcess();
        if (maven.isEmpty()) {
            return Optional.empty();
        }
        ProcessHandle build = maven.get();
        Path dir = Path.of(System.getProperty("java.io.tmpdir"), "animal-hospital-build-" + build.pid() + "-"
                + build.info().startInstant().map(i -> i.toEpochMilli()).orElse(0L));
        try {
            if (!Files.isDirectory(dir)) {
                // Traversable by others: as root, the PostgreSQL below runs as an unprivileged user.
                Files.createDirectories(dir, PosixFilePermissions.asFileAttribute(
                        PosixFilePermissions.fromString("rwxr-xr-x")));
            }
            // Modules built in parallel (-T) wait here for the one that starts it.
            try (FileChannel channel = FileChannel.open(dir.resolve("lock"), StandardOpenOption.CREATE,
                    StandardOpenOption.WRITE); FileLock lock = channel.lock()) {
                Optional<Map<String, String>> running = running(dir);
                if (running.isPresent()) {
                    return running;
                }
                watchOver(build, dir);
                return Optional.of(start(dir));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot share Keycloak through " + dir, e);
        }
    }

    private static boolean enabled() {
        String property = System.getProperty("hospital.test.shared-identity",
                System.getenv().getOrDefault("HOSPITAL_TEST_SHARED_IDENTITY", "true"));
        return !"false".equalsIgnoreCase(property.trim());
    }

    /** The Maven JVM among this process's ancestors (the test JVM is its fork, maybe through a shell). */
    static Optional<ProcessHandle> mavenProcess() {
        for (Optional<ProcessHandle> p = ProcessHandle.current().parent(); p.isPresent(); p = p.get().parent()) {
            if (p.get().info().commandLine().map(c -> c.contains(MAVEN_LAUNCHER)).orElse(false)) {
                return p;
            }
        }
        return Optional.empty();
    }

    /** The configuration a module before this one wrote, if its Keycloak still answers. */
    private static Optional<Map<String, String>> running(Path dir) throws IOException {
        Path state = dir.resolve(STATE);
        if (!Files.exists(state)) {
            return Optional.empty();
        }
        Properties properties = new Properties();
        try (InputStream in = Files.newInputStream(state)) {
            properties.load(in);
        }
        String keycloak = properties.getProperty("hospital.test.keycloak-url");
        if (keycloak != null && answers(keycloak + "/realms/" + KeycloakServer.REALM + "/.well-known/openid-configuration")) {
            return Optional.of(properties.stringPropertyNames().stream()
                    .collect(Collectors.toMap(k -> k, properties::getProperty)));
        }
        // Gone (crashed or killed): a new one takes its place; the watchdog stops whatever is left of it too.
        Files.delete(state);
        return Optional.empty();
    }

    private static Map<String, String> start(Path dir) throws IOException {
        // A fresh pair of folders each time: a crashed predecessor's may still be held by its processes.
        String run = Long.toString(System.nanoTime(), 36);
        PostgresServer postgres = new PostgresServer(dir.resolve("postgres-" + run), Processes.freePort(), false)
                .start(List.of(KeycloakServer.DATABASE));
        KeycloakServer keycloak = new KeycloakServer(dir.resolve("keycloak-" + run), Processes.freePort(),
                Processes.freePort(), postgres, KeycloakServer.randomSecret(), KeycloakServer.randomSecret());
        try {
            keycloak.start();
        } finally {
            // Known to the watchdog as soon as it runs, even if it never got ready.
            keycloak.process().ifPresent(kc -> writePids(dir.resolve("keycloak-" + run + ".pid"), kc));
        }
        Map<String, String> config = InfrastructureTestResource.identityConfig(keycloak);
        Properties properties = new Properties();
        properties.putAll(new TreeMap<>(config));
        Path state = dir.resolve(STATE);
        // The run's signing key is in it: readable by this user only.
        Files.deleteIfExists(state);
        Files.createFile(state, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        try (OutputStream out = Files.newOutputStream(state)) {
            properties.store(out, "Keycloak shared by the modules of Maven run " + dir.getFileName());
        }
        return config;
    }

    private static void writePids(Path file, ProcessHandle keycloak) {
        try {
            String pids = java.util.stream.Stream.concat(java.util.stream.Stream.of(keycloak), keycloak.descendants())
                    .map(p -> Long.toString(p.pid())).collect(Collectors.joining(" "));
            Files.writeString(file, pids + "\n");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Once per folder: a detached shell that waits for the Maven process to exit, then stops Keycloak (SIGTERM,
     * SIGKILL after 30 s) and PostgreSQL (SIGINT: fast shutdown) and removes the folder. Its own session, so that a
     * Ctrl-C of the build does not take it along before it has cleaned up.
     */
    private static void watchOver(ProcessHandle build, Path dir) throws IOException {
        Path marker = dir.resolve("watchdog.sh");
        if (Files.exists(marker)) {
            return;
        }
        String script = String.join("\n",
                "#!/usr/bin/env bash",
                "# Stops this Maven run's shared Keycloak and its PostgreSQL once the run (pid " + build.pid() + ") is over.",
                "dir='" + dir + "'",
                "tail --pid=" + build.pid() + " -f /dev/null",
                "pids=$(cat \"$dir\"/keycloak-*.pid 2>/dev/null)",
                "[ -n \"$pids\" ] && kill -TERM $pids 2>/dev/null",
                "for i in $(seq 300); do alive=; for p in $pids; do kill -0 $p 2>/dev/null && alive=1; done;"
                        + " [ -z \"$alive\" ] && break; sleep 0.1; done",
                "[ -n \"$pids\" ] && kill -KILL $pids 2>/dev/null",
                "pg=",
                "for f in \"$dir\"/postgres-*/data/postmaster.pid; do [ -f \"$f\" ] && pg=\"$pg $(head -1 \"$f\")\"; done",
                "[ -n \"$pg\" ] && kill -INT $pg 2>/dev/null",
                "for i in $(seq 300); do alive=; for p in $pg; do kill -0 $p 2>/dev/null && alive=1; done;"
                        + " [ -z \"$alive\" ] && break; sleep 0.1; done",
                "rm -rf \"$dir\"",
                "");
        Files.writeString(marker, script);
        new ProcessBuilder("setsid", "bash", marker.toString())
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .redirectErrorStream(true)
                .start();
    }

    private static boolean answers(String url) {
        try {
            return HTTP.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10)).GET().build(),
                    HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
