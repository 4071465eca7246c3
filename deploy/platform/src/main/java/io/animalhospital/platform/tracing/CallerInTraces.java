package io.animalhospital.platform.tracing;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.jwt.JsonWebToken;
import org.jboss.logging.MDC;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Span;
import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.SecurityIdentityAugmentor;
import io.smallrye.mutiny.Uni;

/**
 * Once a request's caller is known, its token subject goes on the request's span and log lines: the user's id,
 * never the phone number or e-mail address of the token (personal data, SPEC §7).
 */
@ApplicationScoped
public class CallerInTraces implements SecurityIdentityAugmentor {

    /** OpenTelemetry's name for the authenticated user. */
    static final AttributeKey<String> USER_ID = AttributeKey.stringKey("enduser.id");

    @Override
    public Uni<SecurityIdentity> augment(SecurityIdentity identity, AuthenticationRequestContext context) {
        if (!identity.isAnonymous() && identity.getPrincipal() instanceof JsonWebToken token && token.getSubject() != null) {
            Span.current().setAttribute(USER_ID, token.getSubject());
            MDC.put(Traces.LOG_USER_ID, token.getSubject());
        }
        return Uni.createFrom().item(identity);
    }
}
