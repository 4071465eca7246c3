package io.animalhospital.lookup.messaging;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.faulttolerance.api.ExponentialBackoff;
import org.eclipse.microprofile.faulttolerance.Retry;

import io.animalhospital.lookup.domain.StatusDocument;
import io.animalhospital.lookup.messaging.ViewTransaction.ConsumedEvent;
import io.smallrye.mutiny.Uni;

/**
 * The retries of the view's transactions for consumed events, each attempt in a fresh transaction
 * ({@link ViewTransaction}: a bean of its own, so that the retry wraps the transaction and not the other way).
 */
@ApplicationScoped
public class ViewUpdates {

    private final ViewTransaction transaction;

    public ViewUpdates(ViewTransaction transaction) {
        this.transaction = transaction;
    }

    /** A whole poll's events in one transaction. Retried briefly: a batch that keeps failing is split up ({@link #alone}). */
    @Retry(maxRetries = 2, delay = 100)
    public Uni<List<StatusDocument>> together(String topic, List<ConsumedEvent> events) {
        return transaction.apply(topic, events);
    }

    /** One event in its own transaction, retried with backoff; if it still fails, the caller sends it to the DLQ. */
    @Retry(maxRetries = 8, delay = 200)
    @ExponentialBackoff(maxDelay = 10_000)
    public Uni<List<StatusDocument>> alone(String topic, ConsumedEvent event) {
        return transaction.apply(topic, List.of(event));
    }
}
