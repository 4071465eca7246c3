package io.animalhospital.billing.messaging;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.jboss.logging.Logger;

import io.quarkus.runtime.ShutdownEvent;
import io.smallrye.mutiny.Uni;

/**
 * Consumed events while the service stops. Its database pool and timers go away then, and the event being applied
 * fails for that reason alone: it must not go to the DLQ (every stop, a rolling update's too, would dead-letter the
 * events in flight). It is left unacknowledged instead: its offset is not committed, and whoever consumes the
 * partition next (another replica, or this one restarted) gets it again; the processed-event record makes that safe.
 */
@ApplicationScoped
public class ShutdownGuard {

    private static final Logger LOG = Logger.getLogger(ShutdownGuard.class);

    private volatile boolean stopping;

    void stopping(@Observes ShutdownEvent event) {
        stopping = true;
    }

    /** The consumption as it is; but one that fails while the service stops never ends, unacknowledged. */
    public <T> Uni<T> guard(Uni<T> consumption) {
        return consumption.onFailure(failure -> stopping).recoverWithUni(failure -> {
            LOG.debugf("Stopping: a consumed event stays unacknowledged (%s)", failure.getMessage());
            return Uni.createFrom().nothing();
        });
    }
}
