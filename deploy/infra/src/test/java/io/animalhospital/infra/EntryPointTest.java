package io.animalhospital.infra;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonObject;

/**
 * The entry point in front of five real HTTP servers standing in for the services (each answers with its name
 * and what it received), through the routing table of the repository.
 */
class EntryPointTest {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5))
            .followRedirects(HttpClient.Redirect.NEVER).build();
    private static final List<String> SERVICES = List.of("reservation-service", "diagnosis-service",
            "billing-service", "notice-service", "lookup-service");

    private static Vertx backendVertx;
    private static final Map<String, URI> BACKENDS = new LinkedHashMap<>();
    /** Every request a backend received: "service METHOD uri". */
    private static final ConcurrentLinkedQueue<String> RECEIVED = new ConcurrentLinkedQueue<>();
    /** Completed by the test to end the live stream the lookup backend holds open. */
    private static volatile Promise<Void> endStream;
    private static final AtomicBoolean STREAM_ENDED = new AtomicBoolean();
    /** Set when the connection of the lookup backend's live stream closes before the stream ended. */
    private static final AtomicBoolean STREAM_ABANDONED = new AtomicBoolean();
    private static EntryPoint entryPoint;

    @BeforeAll
    static void start() throws Exception {
        backendVertx = Vertx.vertx();
        for (String service : SERVICES) {
            HttpServer server = backendVertx.createHttpServer().requestHandler(request -> {
                RECEIVED.add(service + " " + request.method() + " " + request.uri());
                if (request.path().endsWith("/stream")) {
                    // A live stream: one event now, the end only when the test says so.
                    request.response().setChunked(true).putHeader("Content-Type", "text/event-stream")
                            .write("data: {\"status\":\"RESERVED\"}\n\n");
                    request.response().closeHandler(v -> STREAM_ABANDONED.set(!STREAM_ENDED.get()));
                    endStream.future().onComplete(done -> {
                        STREAM_ENDED.set(true);
                        request.response().end("data: {\"status\":\"TREATED\"}\n\n");
                    });
                    return;
                }
                request.body().onSuccess(body -> request.response().putHeader("Content-Type", "application/json")
                        .end(new JsonObject().put("service", service).put("uri", request.uri())
                                .put("body", body.toString())
                                .put("host", request.getHeader("Host"))
                                .put("forwardedHost", request.getHeader("X-Forwarded-Host"))
                                .put("forwardedProto", request.getHeader("X-Forwarded-Proto"))
                                .put("forwardedFor", request.getHeader("X-Forwarded-For"))
                                .put("forwardedPort", request.getHeader("X-Forwarded-Port"))
                                .put("forwarded", request.getHeader("Forwarded"))
                                .encode()));
            });
            server.listen(0, "127.0.0.1").toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
            BACKENDS.put(service, URI.create("http://127.0.0.1:" + server.actualPort()));
        }
        entryPoint = EntryPoint.start("127.0.0.1", 0, RoutingTable.load(), BACKENDS);
    }

    @AfterAll
    static void stop() throws Exception {
        if (entryPoint != null) {
            entryPoint.close();
        }
        backendVertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    @BeforeEach
    void clear() {
        RECEIVED.clear();
    }

    @Test
    void routesEachPathPrefixToItsServiceUnchanged() throws Exception {
        Map<String, String> expected = new LinkedHashMap<>();
        expected.put("/reservations", "reservation-service");
        expected.put("/reservations/7f9c?phone=010", "reservation-service");
        expected.put("/app/", "reservation-service");
        expected.put("/app/book?scheduleId=3", "reservation-service");
        expected.put("/schedules?date=2026-12-03", "diagnosis-service");
        expected.put("/appointments/7f9c/approve", "diagnosis-service");
        expected.put("/staff/approvals", "diagnosis-service");
        expected.put("/bills?status=ISSUED", "billing-service");
        expected.put("/notifications/12", "notice-service");
        expected.put("/reservation-status/7f9c", "lookup-service");
        for (Map.Entry<String, String> route : expected.entrySet()) {
            HttpResponse<String> response = get(route.getKey());
            assertThat(response.statusCode()).as(route.getKey()).isEqualTo(200);
            JsonObject body = new JsonObject(response.body());
            assertThat(body.getString("service")).as(route.getKey()).isEqualTo(route.getValue());
            assertThat(body.getString("uri")).as("path and query unchanged").isEqualTo(route.getKey());
        }
    }

    @Test
    void aRequestBodyAndMethodReachTheService() throws Exception {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(entryPoint.url() + "/reservations"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"petName\":\"Nabi\"}")).build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(new JsonObject(response.body()).getString("body")).isEqualTo("{\"petName\":\"Nabi\"}");
        assertThat(RECEIVED).containsExactly("reservation-service POST /reservations");
    }

    @Test
    void prefixesMatchWholeSegmentsOnly() throws Exception {
        assertThat(new JsonObject(get("/reservation-status/7f9c").body()).getString("service"))
                .isEqualTo("lookup-service");
        for (String path : List.of("/reservationsX", "/reservation", "/application", "/apps/x", "/staffroom",
                "/billsX/1")) {
            assertNotFound(get(path), path);
        }
        assertThat(RECEIVED).containsExactly("lookup-service GET /reservation-status/7f9c");
    }

    @Test
    void quarkusAndAdminEndpointsAreNeverRouted() throws Exception {
        for (String path : List.of("/q/health", "/q/metrics", "/q", "/admin", "/admin/dead-letters",
                "/admin/dead-letters/reservation-events/0/3/replay")) {
            assertNotFound(get(path), path);
        }
        // Nor through a path a service would normalise into them.
        for (String path : List.of("/reservations/../q/metrics", "/app/%2e%2e/admin/dead-letters",
                "/app/..%2Fq/health", "/staff/..;/q/health")) {
            HttpResponse<String> response = get(path);
            assertThat(response.statusCode()).as(path).isEqualTo(400);
            assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        }
        assertThat(RECEIVED).as("no service saw any of these").isEmpty();
    }

    @Test
    void unknownPathsAreNotFoundAsProblemDetails() throws Exception {
        HttpResponse<String> response = get("/pets/1");

        assertNotFound(response, "/pets/1");
        JsonObject problem = new JsonObject(response.body());
        assertThat(problem.getString("type")).isEqualTo("about:blank");
        assertThat(problem.getString("title")).isEqualTo("Not Found");
        assertThat(problem.getString("instance")).isEqualTo("/pets/1");
        assertThat(RECEIVED).isEmpty();
    }

    @Test
    void theRootRedirectsToTheCustomersApp() throws Exception {
        HttpResponse<String> response = get("/");

        assertThat(response.statusCode()).isEqualTo(302);
        assertThat(response.headers().firstValue("Location")).hasValue("/app/");
        assertThat(RECEIVED).isEmpty();
    }

    @Test
    void keepsTheHostAndSaysWhereTheRequestCameFrom() throws Exception {
        String authority = "127.0.0.1:" + entryPoint.port();
        // What a client claims about earlier hops is replaced: this is the first hop.
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(entryPoint.url() + "/app/"))
                .header("X-Forwarded-Host", "evil.example").header("X-Forwarded-For", "10.6.6.6")
                .header("Forwarded", "host=evil.example").build(), HttpResponse.BodyHandlers.ofString());

        JsonObject seen = new JsonObject(response.body());
        assertThat(seen.getString("host")).isEqualTo(authority);
        assertThat(seen.getString("forwardedHost")).isEqualTo(authority);
        assertThat(seen.getString("forwardedProto")).isEqualTo("http");
        assertThat(seen.getString("forwardedPort")).isEqualTo(String.valueOf(entryPoint.port()));
        assertThat(seen.getString("forwardedFor")).isEqualTo("127.0.0.1");
        assertThat(seen.getString("forwarded")).isNull();
    }

    @Test
    void serverSentEventsPassBeforeTheServiceEndsTheResponse() throws Exception {
        endStream = Promise.promise();
        STREAM_ENDED.set(false);
        try {
            // Bounded: a proxy that buffers would send not even the headers before the service ends.
            HttpResponse<InputStream> response = HTTP.sendAsync(HttpRequest.newBuilder(
                    URI.create(entryPoint.url() + "/reservation-status/7f9c/stream"))
                    .header("Accept", "text/event-stream").build(), HttpResponse.BodyHandlers.ofInputStream())
                    .get(10, TimeUnit.SECONDS);
            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.headers().firstValue("Content-Type")).hasValue("text/event-stream");

            try (BufferedReader events = new BufferedReader(new InputStreamReader(response.body(),
                    StandardCharsets.UTF_8))) {
                String first = CompletableFuture.supplyAsync(() -> readLine(events)).get(10, TimeUnit.SECONDS);
                assertThat(first).isEqualTo("data: {\"status\":\"RESERVED\"}");
                assertThat(STREAM_ENDED).as("the event arrived while the service still held the stream open")
                        .isFalse();

                endStream.complete();
                assertThat(readLine(events)).isEmpty();
                assertThat(readLine(events)).isEqualTo("data: {\"status\":\"TREATED\"}");
            }
        } finally {
            endStream.tryComplete();
        }
    }

    @Test
    void aBrowserThatLeavesALiveStreamEndsTheServicesStreamToo() throws Exception {
        endStream = Promise.promise();
        STREAM_ENDED.set(false);
        STREAM_ABANDONED.set(false);
        try {
            HttpResponse<InputStream> response = HTTP.sendAsync(HttpRequest.newBuilder(
                    URI.create(entryPoint.url() + "/reservation-status/5e1f/stream")).build(),
                    HttpResponse.BodyHandlers.ofInputStream()).get(10, TimeUnit.SECONDS);
            BufferedReader events = new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8));
            assertThat(CompletableFuture.supplyAsync(() -> readLine(events)).get(10, TimeUnit.SECONDS))
                    .startsWith("data:");

            events.close();

            // The service's stream is closed once the browser left, not held open for nobody.
            await().atMost(Duration.ofSeconds(10)).untilTrue(STREAM_ABANDONED);
        } finally {
            endStream.tryComplete();
        }
    }

    @Test
    void aServiceThatCannotBeReachedIsUnavailableWithRetryAfter() throws Exception {
        Map<String, URI> oneDown = new LinkedHashMap<>(BACKENDS);
        oneDown.put("billing-service", URI.create("http://127.0.0.1:" + closedPort()));
        try (EntryPoint partlyDown = EntryPoint.start("127.0.0.1", 0, RoutingTable.load(), oneDown)) {
            HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(
                    URI.create(partlyDown.url() + "/bills/3/payments")).POST(HttpRequest.BodyPublishers.ofString(
                    "{\"method\":\"CARD\"}")).header("Content-Type", "application/json").build(),
                    HttpResponse.BodyHandlers.ofString());

            assertThat(response.statusCode()).isEqualTo(503);
            assertThat(response.headers().firstValue("Retry-After")).hasValue("5");
            assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
            JsonObject problem = new JsonObject(response.body());
            assertThat(problem.getString("type")).endsWith("/problems/service-unavailable");
            assertThat(problem.getInteger("status")).isEqualTo(503);
            assertThat(problem.getString("instance")).isEqualTo("/bills/3/payments");
            // The others still answer.
            assertThat(HTTP.send(HttpRequest.newBuilder(URI.create(partlyDown.url() + "/schedules")).build(),
                    HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(200);
        }
    }

    private static HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return HTTP.send(HttpRequest.newBuilder(URI.create(entryPoint.url() + path)).timeout(Duration.ofSeconds(20)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static void assertNotFound(HttpResponse<String> response, String path) {
        assertThat(response.statusCode()).as(path).isEqualTo(404);
        assertThat(response.headers().firstValue("Content-Type")).as(path).hasValue("application/problem+json");
        assertThat(new JsonObject(response.body()).getInteger("status")).isEqualTo(404);
    }

    private static String readLine(BufferedReader reader) {
        try {
            return reader.readLine();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** A port nothing listens on (taken and given back). */
    private static int closedPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
