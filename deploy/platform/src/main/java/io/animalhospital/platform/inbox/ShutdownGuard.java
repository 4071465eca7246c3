package io.animalhospital.platform.inbox;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.jboss.logging.Logger;

import io.quarkus.runtime.ShutdownEvent;
import io.smallrye.mutiny.Uni;

/**
 * Consumed events while the service stops: the database pool goes away then, and the event being applied fails
 * for that reason alone. It must not go to the dead-letter topic (every rolling update would dead-letter the
 * events in flight): it stays unacknowledged, and whoever takes the partition next applies it.
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
