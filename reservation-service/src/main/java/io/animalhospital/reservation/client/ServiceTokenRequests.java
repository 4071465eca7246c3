package io.animalhospital.reservation.client;

import java.time.Duration;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.quarkus.arc.Unremovable;
import io.quarkus.oidc.common.OidcEndpoint;
import io.quarkus.oidc.common.OidcRequestFilter;

/**
 * Bounds each request for reservation-service's own token (Keycloak's token endpoint) by the OIDC client's connection
 * timeout. The OIDC client bounds only the connection: a Keycloak that accepts and then does not answer (paused,
 * overloaded) would hold every placement until the guarded call's timeout, which the circuit breaker counts against
 * diagnosis. Bounded well below that timeout, the failure is the token's and is answered 503 without tripping it.
 */
@ApplicationScoped
@Unremovable
@OidcEndpoint(OidcEndpoint.Type.TOKEN)
public class ServiceTokenRequests implements OidcRequestFilter {

    private final long timeoutMillis;

    public ServiceTokenRequests(@ConfigProperty(name = "quarkus.oidc-client.connection-timeout") Duration timeout) {
        this.timeoutMillis = timeout.toMillis();
    }

    @Override
    public void filter(OidcRequestContext request) {
        request.request().timeout(timeoutMillis);
    }
}
