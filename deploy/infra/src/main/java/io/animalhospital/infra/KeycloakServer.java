package io.animalhospital.infra;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

/**
 * A real Keycloak ({@code org.keycloak:keycloak-quarkus-dist} from Maven Central) on a free port, its data in a
 * {@code keycloak} database of our PostgreSQL (kept across restarts when that database is). The distribution is
 * unpacked and built (database, local caches, health) once into the cache folder PostgreSQL's binaries use; every
 * server starts it optimised. The realm {@value #REALM} is created from {@code keycloak/animal-hospital-realm.json}
 * when it does not exist yet.
 */
public final class KeycloakServer {

    public static final String REALM = "animal-hospital";
    public static final String DATABASE = "keycloak";
    /** The audience every access token of the realm carries for the clinic's APIs. */
    public static final String AUDIENCE = "animal-hospital-api";
    public static final String SERVICE_CLIENT = "reservation-service";
    /** The browser's client: the web pages' sign-in (authorization code + PKCE). */
    public static final String WEB_CLIENT = "animal-hospital-web";

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private static final String ADMIN = "admin";

    private final Path baseDir;
    private final int port;
    private final int managementPort;
    private final PostgresServer postgres;
    private final String adminPassword;
    private final String serviceClientSecret;
    private Process process;

    /**
     * @param adminPassword the bootstrap administrator's password (set on the first start of an empty database)
     * @param serviceClientSecret the secret of reservation-service's client, written into a new realm
     */
    public KeycloakServer(Path baseDir, int port, int managementPort, PostgresServer postgres, String adminPassword,
            String serviceClientSecret) {
        this.baseDir = baseDir.toAbsolutePath();
        this.port = port;
        this.managementPort = managementPort;
        this.postgres = postgres;
        this.adminPassword = adminPassword;
        this.serviceClientSecret = serviceClientSecret;
    }

    /** A new random secret (hex), for a password or a client secret that only this machine knows. */
    public static String randomSecret() {
        byte[] bytes = new byte[24];
        new SecureRandom().nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }

    public String url() {
        return "http://127.0.0.1:" + port;
    }

    /** The issuer of the realm's tokens, the services' {@code quarkus.oidc.auth-server-url}. */
    public String realmUrl() {
        return url() + "/realms/" + REALM;
    }

    public String tokenEndpoint() {
        return realmUrl() + "/protocol/openid-connect/token";
    }

    public String serviceClientSecret() {
        return serviceClientSecret;
    }

    public int port() {
        return port;
    }

    public Path logFile() {
        return baseDir.resolve("keycloak.log");
    }

    public Optional<ProcessHandle> process() {
        return Optional.ofNullable(process).filter(Process::isAlive).map(Process::toHandle);
    }

    public KeycloakServer start() {
        try {
            Files.createDirectories(baseDir.resolve("tmp"));
            Path home = Distribution.home();
            List<String> command = new ArrayList<>(List.of("bash", home.resolve("bin/kc.sh").toString(), "start",
                    "--optimized", "--http-enabled=true", "--http-host=127.0.0.1", "--http-port=" + port,
                    "--http-management-port=" + managementPort, "--hostname-strict=false",
                    "--db-url=" + postgres.jdbcUrl(DATABASE), "--db-username=" + PostgresServer.USER,
                    "--db-password=" + PostgresServer.PASSWORD, "--db-pool-initial-size=1", "--db-pool-min-size=1",
                    "--db-pool-max-size=10"));
            ProcessBuilder builder = new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile().toFile()));
            Map<String, String> env = builder.environment();
            env.put("JAVA_HOME", System.getProperty("java.home"));
            env.put("JAVA_OPTS_KC_HEAP", "-Xms64m -Xmx384m");
            // C1 only and its own temporary folder: starts in seconds beside five services, and several servers
            // may share the cached distribution.
            env.put("JAVA_OPTS_APPEND", "-XX:TieredStopAtLevel=1 -Djava.io.tmpdir=" + baseDir.resolve("tmp"));
            env.put("KC_BOOTSTRAP_ADMIN_USERNAME", ADMIN);
            env.put("KC_BOOTSTRAP_ADMIN_PASSWORD", adminPassword);
            long logStart = Processes.size(logFile());
            process = builder.start();
            Processes.await("Keycloak on port " + port + " (log: " + logFile() + ")", Duration.ofSeconds(180), () -> {
                if (!process.isAlive()) {
                    throw new IllegalStateException("Keycloak exited with " + process.exitValue() + "; see "
                            + logFile() + ":\n" + Processes.tail(logFile(), 30));
                }
                return Processes.fileContainsAfter(logFile(), logStart, "Listening on") && answers(
                        "http://127.0.0.1:" + managementPort + "/health/ready");
            });
            ensureRealm();
            return this;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Controlled shutdown (SIGTERM), forcibly after 30 s. */
    public void stop() {
        if (process != null) {
            Processes.stop(process.toHandle(), Duration.ofSeconds(30));
        }
    }

    /** A crash (SIGKILL) of the server and the JVM kc.sh started. */
    public void kill() {
        if (process != null && process.isAlive()) {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            Processes.kill(process.toHandle());
        }
    }

    /** Creates the realm from its file unless it exists (a restart with kept data). */
    private void ensureRealm() {
        if (answers(realmUrl() + "/.well-known/openid-configuration")) {
            return;
        }
        String realm = resource("keycloak/animal-hospital-realm.json")
                .replace("${RESERVATION_SERVICE_CLIENT_SECRET}", serviceClientSecret);
        admin("POST", "/admin/realms", realm, 201);
    }

    /** Adds users and clients to the realm (Keycloak's partial import; those that exist are kept). */
    public void importIntoRealm(String partialImportJson) {
        admin("POST", "/admin/realms/" + REALM + "/partialImport", partialImportJson, 200);
    }

    /**
     * Lets the web client ({@value #WEB_CLIENT}) send the browser back to these origins after sign-in and sign-out
     * (e.g. an entry point on another port than the realm file's 8080): their exact origins, never a wildcard host.
     */
    public void allowWebRedirects(String... origins) {
        String path = "/admin/realms/" + REALM + "/clients";
        io.vertx.core.json.JsonArray found = new io.vertx.core.json.JsonArray(
                admin("GET", path + "?clientId=" + WEB_CLIENT, null, 200));
        if (found.isEmpty()) {
            throw new IllegalStateException("the realm has no client " + WEB_CLIENT);
        }
        io.vertx.core.json.JsonObject client = found.getJsonObject(0);
        io.vertx.core.json.JsonArray redirects = client.getJsonArray("redirectUris", new io.vertx.core.json.JsonArray());
        io.vertx.core.json.JsonObject attributes = client.getJsonObject("attributes", new io.vertx.core.json.JsonObject());
        List<String> logout = new ArrayList<>(List.of(attributes.getString("post.logout.redirect.uris", "").split("##")));
        logout.removeIf(String::isBlank);
        boolean changed = false;
        for (String origin : origins) {
            String pattern = origin + "/*";
            if (!redirects.contains(pattern)) {
                redirects.add(pattern);
                changed = true;
            }
            if (!logout.contains(pattern)) {
                logout.add(pattern);
                changed = true;
            }
        }
        if (changed) {
            client.put("redirectUris", redirects).put("attributes",
                    attributes.put("post.logout.redirect.uris", String.join("##", logout)));
            admin("PUT", path + "/" + client.getString("id"), client.encode(), 204);
        }
    }

    /** Adds a component (for example a signing key) to the realm. */
    public void addComponent(String componentJson) {
        admin("POST", "/admin/realms/" + REALM + "/components", componentJson, 201);
    }

    /** A call of Keycloak's admin API as the bootstrap administrator; returns the body. */
    public String admin(String method, String path, String json, int expectedStatus) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url() + path))
                .timeout(Duration.ofSeconds(60))
                .header("Authorization", "Bearer " + adminToken())
                .header("Content-Type", "application/json");
        request.method(method, json == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(json));
        HttpResponse<String> response = send(request.build());
        if (response.statusCode() != expectedStatus) {
            throw new IllegalStateException("Keycloak " + method + " " + path + " answered " + response.statusCode()
                    + ": " + response.body());
        }
        return response.body();
    }

    /**
     * An access token of the realm by the password grant of a client that allows it (local development and
     * tests only: the browser uses the authorization code flow).
     */
    public String passwordToken(String clientId, String username, String password) {
        return accessToken(tokenEndpoint(), "grant_type=password&client_id=" + encode(clientId) + "&username="
                + encode(username) + "&password=" + encode(password));
    }

    /** reservation-service's own token (client credentials). */
    public String serviceToken() {
        return accessToken(tokenEndpoint(), "grant_type=client_credentials&client_id=" + SERVICE_CLIENT
                + "&client_secret=" + encode(serviceClientSecret));
    }

    private String adminToken() {
        return accessToken(url() + "/realms/master/protocol/openid-connect/token",
                "grant_type=password&client_id=admin-cli&username=" + ADMIN + "&password=" + encode(adminPassword));
    }

    private static String accessToken(String endpoint, String form) {
        HttpResponse<String> response = send(HttpRequest.newBuilder(URI.create(endpoint))
                .timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build());
        Matcher token = Pattern.compile("\"access_token\"\\s*:\\s*\"([^\"]+)\"").matcher(response.body());
        if (response.statusCode() != 200 || !token.find()) {
            throw new IllegalStateException("no token from " + endpoint + ": " + response.statusCode() + " "
                    + response.body());
        }
        return token.group(1);
    }

    private static boolean answers(String url) {
        return Processes.answersOk(url);
    }

    private static HttpResponse<String> send(HttpRequest request) {
        try {
            return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    static String resource(String name) {
        try (InputStream in = KeycloakServer.class.getClassLoader().getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException(name + " missing from deploy/infra's resources");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The distribution, unpacked and built once per version into the cache folder. */
    static final class Distribution {

        /**
         * Build options: fixed, so that every server can start {@code --optimized} (no build at start-up). Local
         * caches: several servers on one machine must not find each other and form a cluster. No account console
         * or account API: a customer's phone is what they own, so nobody may change their own after registering
         * (staff change it in the admin console).
         */
        private static final List<String> BUILD_OPTIONS = List.of("--db=postgres", "--cache=local",
                "--health-enabled=true", "--features-disabled=account,account-api");

        private Distribution() {
        }

        static synchronized Path home() {
            Properties properties = properties();
            String version = properties.getProperty("version");
            Path target = PostgresBinaries.cacheRoot().resolve("keycloak-" + version + "-"
                    + Integer.toHexString(BUILD_OPTIONS.hashCode()));
            if (!Files.exists(target.resolve("lib/quarkus/quarkus-application.dat"))) {
                unpackAndBuild(Path.of(properties.getProperty("zip")), version, target);
            }
            return target;
        }

        private static void unpackAndBuild(Path zip, String version, Path target) {
            if (!Files.isRegularFile(zip)) {
                throw new IllegalStateException("Keycloak's distribution " + zip + " is missing: build deploy/infra"
                        + " (./mvnw install -pl deploy/infra -am) to fetch it from Maven Central");
            }
            try {
                Files.createDirectories(target.getParent());
                // Unpacked and built beside the target and moved in whole: a concurrent run sees all of it or nothing.
                Path partial = Files.createTempDirectory(target.getParent(), target.getFileName() + ".partial-",
                        PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwxr-xr-x")));
                String prefix = "keycloak-" + version + "/";
                try (ZipInputStream in = new ZipInputStream(Files.newInputStream(zip))) {
                    for (ZipEntry entry = in.getNextEntry(); entry != null; entry = in.getNextEntry()) {
                        String name = entry.getName().startsWith(prefix) ? entry.getName().substring(prefix.length())
                                : entry.getName();
                        Path path = partial.resolve(name).normalize();
                        if (!path.startsWith(partial)) {
                            throw new IOException("archive entry outside its folder: " + entry.getName());
                        }
                        if (entry.isDirectory()) {
                            Files.createDirectories(path);
                        } else {
                            Files.createDirectories(path.getParent());
                            Files.copy(in, path, StandardCopyOption.REPLACE_EXISTING);
                        }
                    }
                }
                try (Stream<Path> scripts = Files.list(partial.resolve("bin"))) {
                    for (Path script : scripts.filter(p -> p.toString().endsWith(".sh")).toList()) {
                        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-xr-x"));
                    }
                }
                List<String> build = new ArrayList<>(List.of("bash", partial.resolve("bin/kc.sh").toString(), "build"));
                build.addAll(BUILD_OPTIONS);
                Path log = partial.resolve("build.log");
                ProcessBuilder builder = new ProcessBuilder(build).redirectErrorStream(true)
                        .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
                builder.environment().put("JAVA_HOME", System.getProperty("java.home"));
                Process process = builder.start();
                if (!process.waitFor(300, java.util.concurrent.TimeUnit.SECONDS) || process.exitValue() != 0) {
                    process.destroyForcibly();
                    throw new IllegalStateException("kc.sh build failed; see " + log + ":\n" + Processes.tail(log, 20));
                }
                try {
                    Files.move(partial, target, StandardCopyOption.ATOMIC_MOVE);
                } catch (IOException alreadyThere) {
                    deleteQuietly(partial); // another run built the same distribution first
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot unpack Keycloak into " + target, e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }

        /** Written by the build: the version and where Maven put the distribution's zip. */
        private static Properties properties() {
            try (InputStream in = KeycloakServer.class.getResourceAsStream("keycloak.properties")) {
                Properties properties = new Properties();
                if (in == null) {
                    throw new IllegalStateException("keycloak.properties missing: build deploy/infra");
                }
                properties.load(in);
                return properties;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        private static void deleteQuietly(Path dir) {
            try (Stream<Path> paths = Files.walk(dir)) {
                paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            } catch (IOException e) {
                // a leftover partial folder is harmless
            }
        }
    }
}
