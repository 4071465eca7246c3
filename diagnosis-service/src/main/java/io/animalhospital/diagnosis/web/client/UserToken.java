package io.animalhospital.diagnosis.web.client;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.HttpHeaders;

import org.jboss.resteasy.reactive.client.spi.ResteasyReactiveClientRequestContext;
import org.jboss.resteasy.reactive.client.spi.ResteasyReactiveClientRequestFilter;

import io.quarkus.oidc.AccessTokenCredential;
import io.quarkus.security.identity.SecurityIdentity;

/**
 * Passes the signed-in user's access token on to the API a page calls ({@code Authorization: Bearer}), so each API
 * decides with its own rules who may do what: the console holds no rights of its own. (What the
 * quarkus-rest-client-oidc-token-propagation extension does; its artifact is not served to this build, decision 0075.)
 * The token is the one of the session, renewed by quarkus-oidc before it expires.
 */
@ApplicationScoped
public class UserToken implements ResteasyReactiveClientRequestFilter {

    private final SecurityIdentity identity;

    public UserToken(SecurityIdentity identity) {
        this.identity = identity;
    }

    @Override
    public void filter(ResteasyReactiveClientRequestContext request) {
        AccessTokenCredential token = identity.getCredential(AccessTokenCredential.class);
        if (token != null && token.getToken() != null) {
            request.getHeaders().putSingle(HttpHeaders.AUTHORIZATION, "Bearer " + token.getToken());
        }
    }
}
