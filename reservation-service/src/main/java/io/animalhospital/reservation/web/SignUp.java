package io.animalhospital.reservation.web;

import io.quarkus.oidc.OidcRedirectFilter;
import io.quarkus.oidc.Redirect;
import io.quarkus.oidc.TenantFeature;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Sign-up is Keycloak's registration page: a sign-in started from {@code /app/signup} asks Keycloak for it with
 * {@code prompt=create} (OpenID Connect's "initiating user registration"), so the new customer comes back signed in
 * through the same code flow, state and PKCE included.
 */
@ApplicationScoped
@TenantFeature(CustomerApp.TENANT)
@Redirect(Redirect.Location.OIDC_AUTHORIZATION)
public class SignUp implements OidcRedirectFilter {

    static final String PATH = "/app/signup";

    @Override
    public void filter(OidcRedirectContext context) {
        if (PATH.equals(context.routingContext().request().path())) {
            context.additionalQueryParams().add("prompt", "create");
        }
    }
}
