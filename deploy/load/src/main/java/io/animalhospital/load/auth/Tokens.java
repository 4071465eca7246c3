package io.animalhospital.load.auth;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Access tokens of the local stack's Keycloak for deploy/load's tools (SPEC §7): the password grant of the
 * local-development client {@value #CLIENT}, one token per account, kept fresh.
 * <p>
 * The realm's access tokens live 300 s. Every account's token is fetched anew in the background every
 * {@link #REFRESH_EVERY} (4 min), so a request never waits for Keycloak; {@link #get} fetches one itself only when
 * the account has none yet or its token has expired (Keycloak was unreachable at the refreshes). When a fetch fails
 * the token it has is kept and used — an expired one too, so the service answers 401 and the load counts it, rather
 * than the load stopping — and the next refresh is tried {@link #RETRY_AFTER_FAILURE} later.
 */
public final class Tokens implements AutoCloseable {

    /** The local-development client that allows the password grant (deploy/infra's local-development.json). */
    public static final String CLIENT = "animal-hospital-cli";
    public static final String REALM = "animal-hospital";
    /** Well within the realm's 300 s: a token in use has at least a minute left. */
    public static final Duration REFRESH_EVERY = Duration.ofMinutes(4);
    static final Duration RETRY_AFTER_FAILURE = Duration.ofSeconds(5);
    private static final Duration FETCH_TIMEOUT = Duration.ofSeconds(5);

    private static final ObjectMapper JSON = new ObjectMapper();

    /** {@code refreshAtNanos}: when the background refresher fetches the next one. */
    private record Token(String value, long expiresAtNanos, long refreshAtNanos) {
    }

    private final URI endpoint;
    private final Duration refreshEvery;
    private final Map<String, String> passwords = new ConcurrentHashMap<>();
    private final Map<String, Token> tokens = new ConcurrentHashMap<>();
    private final Map<String, Object> locks = new ConcurrentHashMap<>();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final ScheduledExecutorService refresher = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "token-refresh");
        thread.setDaemon(true);
        return thread;
    });
    private final AtomicInteger fetched = new AtomicInteger();
    private final AtomicInteger failed = new AtomicInteger();
    private final AtomicInteger expiredUsed = new AtomicInteger();
    private volatile String lastFailure = "";

    /** @param keycloakUrl e.g. {@code http://127.0.0.1:8180} */
    public Tokens(String keycloakUrl) {
        this(keycloakUrl, REFRESH_EVERY);
    }

    Tokens(String keycloakUrl, Duration refreshEvery) {
        this.endpoint = URI.create(tokenEndpoint(keycloakUrl));
        this.refreshEvery = refreshEvery;
        refresher.scheduleWithFixedDelay(this::refreshDue, 1, 1, TimeUnit.SECONDS);
    }

    public static String tokenEndpoint(String keycloakUrl) {
        return keycloakUrl.replaceAll("/+$", "") + "/realms/" + REALM + "/protocol/openid-connect/token";
    }

    /** Adds an account and fetches its first token at once; fails when Keycloak does not give one. */
    public Tokens account(String username, String password) {
        passwords.put(username, password);
        tokens.put(username, fetch(username));
        return this;
    }

    /** The account's current token (see the class comment for when it is fetched). */
    public String get(String username) {
        Token token = tokens.get(username);
        if (token == null) {
            if (!passwords.containsKey(username)) {
                throw new IllegalArgumentException("no account " + username);
            }
            return refresh(username, null).value();
        }
        if (expired(token)) {
            // Not at every request while Keycloak is away: only when a retry is due.
            if (System.nanoTime() - token.refreshAtNanos() >= 0) {
                token = refresh(username, token);
            }
            if (expired(token)) {
                expiredUsed.incrementAndGet();
            }
        }
        return token.value();
    }

    /** {@code "Bearer <token>"}, for the Authorization header. */
    public String bearer(String username) {
        return "Bearer " + get(username);
    }

    /** Tokens fetched so far (the first ones included). */
    public int fetched() {
        return fetched.get();
    }

    /** Fetches that failed (the token before it was kept). */
    public int failed() {
        return failed.get();
    }

    /** Requests sent with an expired token because no fresh one could be had. */
    public int expiredUsed() {
        return expiredUsed.get();
    }

    public String lastFailure() {
        return lastFailure;
    }

    public int accounts() {
        return passwords.size();
    }

    @Override
    public void close() {
        refresher.shutdownNow();
    }

    /** Every second: the tokens whose time has come (or a failed fetch's, five seconds on) anew. */
    private void refreshDue() {
        long now = System.nanoTime();
        tokens.forEach((username, token) -> {
            if (now - token.refreshAtNanos() >= 0) {
                refresh(username, token);
            }
        });
    }

    /**
     * A new token, or the one there was (its refresh retried soon) when Keycloak gives none. {@code seen}: the token
     * the caller found; when another thread replaced it meanwhile, that one is taken instead of fetching again.
     */
    private Token refresh(String username, Token seen) {
        synchronized (locks.computeIfAbsent(username, u -> new Object())) {
            Token current = tokens.get(username);
            if (current != seen && current != null && !expired(current)) {
                return current;
            }
            try {
                Token fresh = fetch(username);
                tokens.put(username, fresh);
                return fresh;
            } catch (RuntimeException e) {
                failed.incrementAndGet();
                lastFailure = e.getMessage();
                if (current == null) {
                    throw e;
                }
                // Tried again after RETRY_AFTER_FAILURE, not a whole period later.
                Token kept = new Token(current.value(), current.expiresAtNanos(),
                        System.nanoTime() + RETRY_AFTER_FAILURE.toNanos());
                tokens.put(username, kept);
                return kept;
            }
        }
    }

    private static boolean expired(Token token) {
        return System.nanoTime() - token.expiresAtNanos() >= 0;
    }

    private Token fetch(String username) {
        String password = passwords.get(username);
        String form = "grant_type=password&client_id=" + encode(CLIENT) + "&username=" + encode(username)
                + "&password=" + encode(password);
        long sent = System.nanoTime();
        HttpResponse<String> response;
        try {
            response = http.send(HttpRequest.newBuilder(endpoint).timeout(FETCH_TIMEOUT)
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new IllegalStateException("no token for " + username + " from " + endpoint + ": " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while fetching a token", e);
        }
        JsonNode body;
        try {
            body = JSON.readTree(response.body());
        } catch (IOException e) {
            body = JSON.missingNode();
        }
        String value = body.path("access_token").asText("");
        if (response.statusCode() != 200 || value.isEmpty()) {
            throw new IllegalStateException("no token for " + username + " from " + endpoint + ": HTTP "
                    + response.statusCode() + " " + abbreviate(response.body()));
        }
        fetched.incrementAndGet();
        long lifetime = TimeUnit.SECONDS.toNanos(body.path("expires_in").asLong(300));
        // Every refreshEvery, or at four fifths of a shorter lifetime.
        return new Token(value, sent + lifetime, sent + Math.min(refreshEvery.toNanos(), lifetime * 4 / 5));
    }

    private static String abbreviate(String text) {
        return text == null ? "" : text.length() > 200 ? text.substring(0, 200) + "..." : text;
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
