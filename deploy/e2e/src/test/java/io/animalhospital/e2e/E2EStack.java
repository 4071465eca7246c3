package io.animalhospital.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.animalhospital.infra.KeycloakServer;
import io.animalhospital.infra.LocalStack;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The whole system, once per test run: {@link LocalStack} in this JVM on free ports with a fresh state folder
 * under target/, stopped when the run ends. The browser reaches the UIs through the entry point; the realm's
 * web client is told this run's addresses (its redirect URIs name the local default port 8080).
 */
final class E2EStack implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();
    static final String WEB_CLIENT = "animal-hospital-web";

    private final LocalStack stack;
    private final int entryPointPort;
    private final Map<String, Integer> services;
    private final String customerAppBase;
    private final String staffConsoleBase;
    final Api api;
    private final java.util.concurrent.atomic.AtomicBoolean stopped = new java.util.concurrent.atomic.AtomicBoolean();
    private Path state;
    private Path kept;

    private E2EStack(LocalStack stack, int entryPointPort) {
        this.stack = stack;
        this.entryPointPort = entryPointPort;
        this.services = stack.servicePorts();
        String entryPoint = "http://127.0.0.1:" + entryPointPort;
        if (listening(entryPointPort)) {
            customerAppBase = entryPoint;
            staffConsoleBase = entryPoint;
        } else {
            // No entry point in this stack yet: each UI straight from its service.
            customerAppBase = "http://127.0.0.1:" + services.get("reservation");
            staffConsoleBase = "http://127.0.0.1:" + services.get("diagnosis");
        }
        log("customer app " + customerAppBase + "/app/, staff console " + staffConsoleBase + "/staff/");
        this.api = new Api(stack.keycloak(), services);
    }

    static E2EStack start() {
        Path root = Path.of(System.getProperty("animal.root", "../..")).toAbsolutePath().normalize();
        Path kept = Path.of(System.getProperty("e2e.state", "target/e2e-stack")).toAbsolutePath();
        deleteRecursively(kept);
        // The stack's data lives in a temp folder others may enter: as root, PostgreSQL runs as "nobody", which
        // cannot reach into a work tree under a private folder (a fresh clone in `mktemp -d`). Its logs are copied
        // to `kept` when the stack stops.
        Path state;
        try {
            state = Files.createTempDirectory("animal-hospital-e2e-", java.nio.file.attribute.PosixFilePermissions
                    .asFileAttribute(java.nio.file.attribute.PosixFilePermissions.fromString("rwxr-xr-x")));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        int servicePortBase = FreePorts.block(5);
        int entryPointPort = FreePorts.block(1);
        // LocalStack reads its ports from the environment or from system properties of the same names.
        System.setProperty("SERVICE_PORT_BASE", String.valueOf(servicePortBase));
        System.setProperty("PG_PORT", String.valueOf(FreePorts.block(1)));
        System.setProperty("KAFKA_PORT", String.valueOf(FreePorts.block(2)));
        System.setProperty("KEYCLOAK_PORT", String.valueOf(FreePorts.block(2)));
        System.setProperty("ENTRY_POINT_PORT", String.valueOf(entryPointPort));
        System.setProperty("ZIPKIN_PORT", String.valueOf(FreePorts.block(1)));
        System.setProperty("ANIMAL_HOSPITAL_STATE", state.toString());
        long started = System.nanoTime();
        // With its trace viewer: TracesTest reads one booking's trace back from it.
        LocalStack stack = new LocalStack(root, state).tracing("zipkin");
        if (stack.servicePorts().get("reservation") != servicePortBase) {
            // An older deploy/infra (e.g. a jar in ~/.m2) that reads only the environment would start on the
            // default ports, beside or into a developer's own stack.
            throw new IllegalStateException("LocalStack ignored the ports chosen for this run: build deploy/infra "
                    + "in the same reactor (./mvnw verify -pl deploy/kafka-broker,deploy/infra,deploy/e2e, or -am)");
        }
        try {
            stack.start(false);
        } catch (IOException e) {
            stack.stop();
            throw new UncheckedIOException(e);
        } catch (RuntimeException e) {
            stack.stop();
            throw e;
        }
        E2EStack e2e = new E2EStack(stack, entryPointPort);
        e2e.state = state;
        e2e.kept = kept;
        // Nothing it started may outlive the run, even one that ends without JUnit closing it (Ctrl-C).
        Runtime.getRuntime().addShutdownHook(new Thread(e2e::close, "e2e-stack-stop"));
        try {
            e2e.allowRedirectsTo(new LinkedHashSet<>(List.of(e2e.customerAppBase, e2e.staffConsoleBase)));
        } catch (RuntimeException e) {
            e2e.close();
            throw e;
        }
        log(String.format("stack ready in %.1f s (state %s)", (System.nanoTime() - started) / 1e9, state));
        return e2e;
    }

    /** Where the customers' app lives: {@code <base>/app/}. */
    String customerApp() {
        return customerAppBase;
    }

    /** Where the staff console lives: {@code <base>/staff/}. */
    String staffConsole() {
        return staffConsoleBase;
    }

    KeycloakServer keycloak() {
        return stack.keycloak();
    }

    Path logFile(String part) {
        return stack.logFile(part);
    }

    /** Zipkin's query API of this run's stack. */
    String tracesApi() {
        return stack.zipkin().orElseThrow().apiUrl();
    }

    /** A crash of one part (SIGKILL), then {@link #restart}: what a part's outage looks like to the others. */
    void kill(String part) {
        stack.kill(part);
    }

    void restart(String part) {
        stack.restart(part);
    }

    /** The web client's redirect URIs and web origins gain this run's addresses (kept ones stay). */
    private void allowRedirectsTo(Set<String> bases) {
        KeycloakServer keycloak = stack.keycloak();
        String realm = "/admin/realms/" + KeycloakServer.REALM + "/clients";
        try {
            JsonNode found = JSON.readTree(keycloak.admin("GET", realm + "?clientId=" + WEB_CLIENT, null, 200));
            if (found.isEmpty()) {
                throw new IllegalStateException("the realm has no client " + WEB_CLIENT);
            }
            ObjectNode client = (ObjectNode) found.get(0);
            Set<String> redirects = new LinkedHashSet<>();
            client.withArray("redirectUris").forEach(uri -> redirects.add(uri.asText()));
            Set<String> origins = new LinkedHashSet<>();
            client.withArray("webOrigins").forEach(origin -> origins.add(origin.asText()));
            for (String base : bases) {
                redirects.add(base + "/*");
                origins.add(base);
            }
            ArrayNode redirectUris = client.putArray("redirectUris");
            redirects.forEach(redirectUris::add);
            ArrayNode webOrigins = client.putArray("webOrigins");
            origins.forEach(webOrigins::add);
            ObjectNode attributes = client.with("attributes");
            attributes.put("post.logout.redirect.uris", "+");
            keycloak.admin("PUT", realm + "/" + client.get("id").asText(), JSON.writeValueAsString(client), 204);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        if (stopped.compareAndSet(false, true)) {
            stack.stop();
            keepLogs();
        }
    }

    /** The stack's log files, copied from its temp folder into {@code kept}; then the temp folder goes. */
    private void keepLogs() {
        if (state == null || !Files.exists(state)) {
            return;
        }
        try (Stream<Path> files = Files.walk(state)) {
            for (Path log : files.filter(f -> f.getFileName().toString().endsWith(".log") && Files.isRegularFile(f)).toList()) {
                Path copy = kept.resolve(state.relativize(log).toString());
                Files.createDirectories(copy.getParent());
                Files.copy(log, copy, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            log("could not keep the stack's logs: " + e.getMessage());
        }
        try {
            deleteRecursively(state);
        } catch (UncheckedIOException e) {
            log("left the stack's temp folder " + state + ": " + e.getMessage());
        }
    }

    private static boolean listening(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 500);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static void deleteRecursively(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot clear the previous run's state " + dir, e);
        }
    }

    static void log(String message) {
        System.out.println("[e2e] " + message);
        System.out.flush();
    }

    static List<String> serviceNames() {
        return List.of("reservation", "diagnosis", "billing", "notice", "lookup");
    }
}
