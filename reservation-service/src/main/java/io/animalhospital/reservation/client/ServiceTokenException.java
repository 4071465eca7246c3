package io.animalhospital.reservation.client;

/**
 * reservation-service could not authenticate itself to diagnosis-service: its own token could not be obtained
 * (Keycloak down or not answering), or diagnosis refused it (401/403: a misconfiguration here or in the realm).
 * Neither is diagnosis's fault, so the circuit breaker does not count it; the customer is answered 503.
 */
public class ServiceTokenException extends RuntimeException {

    private final boolean refused;

    ServiceTokenException(String message, boolean refused, Throwable cause) {
        super(message, cause);
        this.refused = refused;
    }

    /** Diagnosis answered 401/403 to the token, as opposed to no token being available. */
    public boolean refused() {
        return refused;
    }
}
