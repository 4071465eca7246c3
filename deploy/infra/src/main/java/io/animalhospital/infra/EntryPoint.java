package io.animalhospital.infra;

import java.net.URI;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.core.net.HostAndPort;
import io.vertx.core.net.SocketAddress;
import io.vertx.httpproxy.Body;
import io.vertx.httpproxy.HttpProxy;
import io.vertx.httpproxy.ProxyContext;
import io.vertx.httpproxy.ProxyInterceptor;
import io.vertx.httpproxy.ProxyRequest;
import io.vertx.httpproxy.ProxyResponse;

/**
 * The one entry point of the local stack (SPEC §8): Vert.x's reverse proxy ({@code vertx-http-proxy}) in front
 * of the five services, routing by {@link RoutingTable}, so that a browser sees one origin. The Kubernetes
 * Gateway routes the same table (deploy/k8s checks it).
 *
 * <ul>
 * <li>whole-segment prefixes; {@code /q/*} and {@code /admin/*} never routed; unknown paths 404, all as
 * {@code application/problem+json};</li>
 * <li>a service that cannot be reached: 503 problem+json with {@code Retry-After};</li>
 * <li>{@code Host} kept; {@code X-Forwarded-Host/Proto/For/Port} set from this hop (the services build their
 * sign-in redirect URIs from them);</li>
 * <li>responses streamed as they come (server-sent events pass unbuffered: no cache, no body transform).</li>
 * </ul>
 *
 * <pre>
 * EntryPoint            (ENTRY_POINT_PORT, default 8080; RESERVATION_SERVICE_URL ... LOOKUP_SERVICE_URL)
 * </pre>
 */
public final class EntryPoint implements AutoCloseable {

    /** Seconds a client should wait when a service is down: a service restarts in a few seconds. */
    static final int RETRY_AFTER_SECONDS = 5;
    private static final String PROBLEM_JSON = "application/problem+json";
    private static final String PROBLEM_BASE = "https://animal-hospital.example/problems/";
    /** The services' variables, as LocalStack passes them to every service, and their defaults (SPEC §1). */
    public static final Map<String, String> SERVICE_URL_VARIABLES = new LinkedHashMap<>();
    static {
        SERVICE_URL_VARIABLES.put("reservation-service", "RESERVATION_SERVICE_URL");
        SERVICE_URL_VARIABLES.put("diagnosis-service", "DIAGNOSIS_SERVICE_URL");
        SERVICE_URL_VARIABLES.put("billing-service", "BILLING_SERVICE_URL");
        SERVICE_URL_VARIABLES.put("notice-service", "NOTICE_SERVICE_URL");
        SERVICE_URL_VARIABLES.put("lookup-service", "LOOKUP_SERVICE_URL");
    }

    private final Vertx vertx;
    private final HttpServer server;
    private final String host;

    private EntryPoint(Vertx vertx, HttpServer server, String host) {
        this.vertx = vertx;
        this.server = server;
        this.host = host;
    }

    /**
     * Listens on {@code host:port} (port 0: any free one) and routes by {@code table} to {@code backends}
     * (service name, e.g. {@code reservation-service}, → its base URL). Returns once it listens.
     */
    public static EntryPoint start(String host, int port, RoutingTable table, Map<String, URI> backends) {
        Vertx vertx = Vertx.vertx();
        try {
            // One pooled client for all services. A live stream holds its connection as long as the browser keeps
            // it open: the pool must be far larger than the few streams a person opens (Vert.x's default is 5).
            HttpClient client = vertx.createHttpClient(new HttpClientOptions()
                    .setConnectTimeout((int) Duration.ofSeconds(2).toMillis())
                    .setKeepAlive(true), new PoolOptions().setHttp1MaxSize(256));
            Map<String, HttpProxy> proxies = new LinkedHashMap<>();
            for (RoutingTable.Forward forward : table.forwards()) {
                URI backend = backends.get(forward.service());
                if (backend == null) {
                    throw new IllegalArgumentException("no address for " + forward.service() + " (routing "
                            + forward.path() + "); known: " + backends.keySet());
                }
                proxies.computeIfAbsent(forward.service(), service -> proxy(client, backend));
            }
            HttpServer server = vertx.createHttpServer(new HttpServerOptions().setHost(host).setPort(port))
                    .requestHandler(request -> route(request, table, proxies));
            server.listen().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
            return new EntryPoint(vertx, server, host);
        } catch (ExecutionException | TimeoutException e) {
            vertx.close();
            throw new IllegalStateException("entry point cannot listen on " + host + ":" + port + ": "
                    + (e.getCause() != null ? e.getCause().getMessage() : e), e);
        } catch (InterruptedException e) {
            vertx.close();
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (RuntimeException e) {
            vertx.close();
            throw e;
        }
    }

    /** The backends as the services see them: each {@code <NAME>_SERVICE_URL}, defaults 8081..8085. */
    public static Map<String, URI> backendsFromEnvironment() {
        Map<String, URI> backends = new LinkedHashMap<>();
        int port = 8081;
        for (Map.Entry<String, String> service : SERVICE_URL_VARIABLES.entrySet()) {
            String url = System.getenv(service.getValue());
            backends.put(service.getKey(), URI.create(url == null || url.isBlank() ? "http://127.0.0.1:" + port : url));
            port++;
        }
        return backends;
    }

    public static void main(String[] args) throws InterruptedException {
        String port = System.getenv().getOrDefault("ENTRY_POINT_PORT", "8080");
        try (EntryPoint entryPoint = start("127.0.0.1", Integer.parseInt(port), RoutingTable.load(),
                backendsFromEnvironment())) {
            System.out.println("[entry-point] " + entryPoint.url() + " → " + backendsFromEnvironment());
            CountDownLatch stopped = new CountDownLatch(1);
            Runtime.getRuntime().addShutdownHook(new Thread(stopped::countDown, "entry-point-stop"));
            stopped.await();
        }
    }

    public int port() {
        return server.actualPort();
    }

    public String url() {
        return "http://" + host + ":" + port();
    }

    @Override
    public void close() {
        try {
            vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        } catch (ExecutionException | TimeoutException e) {
            // closing is best effort: the JVM or the test ends anyway
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void route(HttpServerRequest request, RoutingTable table, Map<String, HttpProxy> proxies) {
        String path = request.path();
        if (path == null || !path.startsWith("/") || RoutingTable.ambiguous(path)) {
            problem(request, 400, "Bad Request", "The path is not one the clinic's services answer.");
            return;
        }
        Optional<RoutingTable.Route> route = table.resolve(path);
        switch (route.orElse(null)) {
            case RoutingTable.Forward forward -> proxies.get(forward.service()).handle(request);
            case RoutingTable.Redirect redirect -> request.response().setStatusCode(302)
                    .putHeader("Location", redirect.location()).putHeader("Content-Length", "0").end();
            case null, default -> problem(request, 404, "Not Found", "Nothing is served at " + path + ".");
        }
    }

    private static HttpProxy proxy(HttpClient client, URI backend) {
        SocketAddress address = SocketAddress.inetSocketAddress(backend.getPort(), backend.getHost());
        String service = backend.toString();
        return HttpProxy.reverseProxy(client)
                .originRequestProvider((incoming, httpClient) -> httpClient
                        // A browser that leaves (e.g. closes a live stream) ends the service's request too: the
                        // proxy resets it when writing to the browser fails (EntryPointTest checks it).
                        .request(new RequestOptions().setServer(address)))
                .addInterceptor(new ProxyInterceptor() {
                    @Override
                    public Future<ProxyResponse> handleProxyRequest(ProxyContext context) {
                        forwardedHeaders(context.request());
                        return context.sendRequest().recover(failure -> Future.succeededFuture(
                                unavailable(context.request(), service, failure)));
                    }
                });
    }

    /**
     * This is the outermost hop: what a client claims in forwarded headers is replaced by what this hop saw, so
     * that nobody can choose the host the services build their redirect URIs from.
     */
    private static void forwardedHeaders(ProxyRequest request) {
        HttpServerRequest incoming = request.proxiedRequest();
        HostAndPort authority = incoming.authority();
        String hostHeader = authority != null ? authority.toString()
                : incoming.localAddress().hostAddress() + ":" + incoming.localAddress().port();
        if (authority != null) {
            // Vert.x 4.5's proxy sends the service's own address as Host unless told otherwise.
            request.setAuthority(authority);
        }
        request.headers().remove("Forwarded");
        request.putHeader("X-Forwarded-Host", hostHeader);
        request.putHeader("X-Forwarded-Proto", incoming.scheme() == null ? "http" : incoming.scheme());
        request.putHeader("X-Forwarded-Port", String.valueOf(authority != null && authority.port() > 0
                ? authority.port() : incoming.localAddress().port()));
        request.putHeader("X-Forwarded-For", incoming.remoteAddress().hostAddress());
    }

    private static ProxyResponse unavailable(ProxyRequest request, String service, Throwable failure) {
        Buffer body = problemBody(503, "service-unavailable", "Service Unavailable",
                "The clinic's service cannot be reached right now; try again in " + RETRY_AFTER_SECONDS
                        + " seconds.", request.proxiedRequest().path());
        System.err.println("[entry-point] " + request.getMethod() + " " + request.proxiedRequest().path() + " → "
                + service + " unreachable: " + failure.getMessage());
        return request.release().response()
                .setStatusCode(503)
                .putHeader("Content-Type", PROBLEM_JSON)
                .putHeader("Retry-After", String.valueOf(RETRY_AFTER_SECONDS))
                .setBody(Body.body(body));
    }

    private static void problem(HttpServerRequest request, int status, String title, String detail) {
        request.response().setStatusCode(status).putHeader("Content-Type", PROBLEM_JSON)
                .end(problemBody(status, null, title, detail, request.path()));
    }

    /** RFC 9457 problem details, the shape the services answer with (deploy/platform's Problem). */
    private static Buffer problemBody(int status, String type, String title, String detail, String instance) {
        return new JsonObject()
                .put("type", type == null ? "about:blank" : PROBLEM_BASE + type)
                .put("title", title)
                .put("status", status)
                .put("detail", detail)
                .put("instance", instance)
                .toBuffer();
    }
}
