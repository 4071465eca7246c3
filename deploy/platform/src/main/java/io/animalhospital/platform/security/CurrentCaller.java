package io.animalhospital.platform.security;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.security.identity.SecurityIdentity;

/** The {@link Caller} of the request being served, for resources to hand to the service layer. */
@ApplicationScoped
public class CurrentCaller {

    private final SecurityIdentity identity;

    public CurrentCaller(SecurityIdentity identity) {
        this.identity = identity;
    }

    /** Call from a resource method: the identity is known once its role check has passed. */
    public Caller get() {
        return Caller.of(identity);
    }
}
