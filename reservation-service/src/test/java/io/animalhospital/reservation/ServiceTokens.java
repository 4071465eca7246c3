package io.animalhospital.reservation;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.arc.Unremovable;
import io.quarkus.oidc.common.OidcEndpoint;
import io.quarkus.oidc.common.OidcRequestFilter;
import io.quarkus.oidc.common.OidcResponseFilter;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.core.buffer.Buffer;

/**
 * Watches reservation-service's requests for its own token at Keycloak's token endpoint (the real ones, from the
 * OIDC client): counts them, and on request shortens how long the service believes the next token lives
 * ({@code expires_in}), so that a test can make it need a new one soon instead of in Keycloak's five minutes.
 */
@ApplicationScoped
@Unremovable
@OidcEndpoint(OidcEndpoint.Type.TOKEN)
public class ServiceTokens implements OidcRequestFilter, OidcResponseFilter {

    private static final AtomicInteger REQUESTS = new AtomicInteger();
    private static final AtomicInteger ISSUED = new AtomicInteger();
    /**
     * What every test's service token is said to live unless a test says otherwise: short enough that a test can
     * wait for the next one, far longer than any single call.
     */
    static final Duration DEFAULT_LIFETIME = Duration.ofSeconds(15);

    private static volatile Duration lifetime = DEFAULT_LIFETIME;

    /** Token requests sent so far (answered or not). */
    static int requests() {
        return REQUESTS.get();
    }

    /** Tokens received so far. */
    static int issued() {
        return ISSUED.get();
    }

    /** The lifetime the service is told of each token from now on. */
    static void lifetime(Duration value) {
        lifetime = value;
    }

    @Override
    public void filter(OidcRequestContext request) {
        REQUESTS.incrementAndGet();
    }

    @Override
    public void filter(OidcResponseContext response) {
        if (response.statusCode() != 200) {
            return;
        }
        ISSUED.incrementAndGet();
        Duration told = lifetime;
        if (told != null) {
            JsonObject token = response.responseBody().toJsonObject();
            token.put("expires_in", told.toSeconds());
            response.responseBody(Buffer.buffer(token.encode()));
        }
    }
}
