package io.animalhospital.lookup.messaging;

import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import io.animalhospital.lookup.domain.ReservationStatusLookup;
import io.animalhospital.lookup.domain.StatusChanges;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.vertx.core.runtime.context.VertxContextSafetyToggle;
import io.smallrye.common.vertx.VertxContext;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.pgclient.pubsub.PgSubscriber;

/**
 * Brings every committed change of the view to this replica's live subscribers, whichever replica's consumer
 * applied the event (SPEC §8): the transaction that changes a view announces it with PostgreSQL NOTIFY (delivered
 * at its commit, {@code StatusViews#announceChanged}); each replica LISTENs on one connection of its own and, for the
 * reservations its subscribers follow, reads the view and publishes it on its {@link StatusChangeBus}. The
 * connection is re-established after a loss; then every followed view is read again, since notifications sent
 * meanwhile are lost (docs/decisions/0066).
 */
@ApplicationScoped
public class ReplicaStatusChanges {

    private static final Logger LOG = Logger.getLogger(ReplicaStatusChanges.class);
    private static final long RECONNECT_DELAY_MS = 1000;

    private final Vertx vertx;
    private final StatusChangeBus bus;
    private final ReservationStatusLookup lookup;
    private final PgConnectOptions options;
    private volatile PgSubscriber subscriber;
    private volatile boolean stopped;

    public ReplicaStatusChanges(Vertx vertx, StatusChangeBus bus, ReservationStatusLookup lookup,
            @ConfigProperty(name = "quarkus.datasource.reactive.url") String url,
            @ConfigProperty(name = "quarkus.datasource.username") String username,
            @ConfigProperty(name = "quarkus.datasource.password") String password) {
        this.vertx = vertx;
        this.bus = bus;
        this.lookup = lookup;
        this.options = PgConnectOptions.fromUri(url.startsWith("vertx-reactive:") ? url.substring(15) : url)
                .setUser(username).setPassword(password);
    }

    void listen(@Observes StartupEvent start) {
        PgSubscriber pg = PgSubscriber.subscriber(vertx, options)
                // After a lost connection: again every second, as long as the replica runs.
                .reconnectPolicy(retries -> stopped ? -1L : RECONNECT_DELAY_MS);
        pg.channel(StatusChanges.CHANNEL)
                .subscribeHandler(subscribed -> {
                    // (Re)connected: what was announced while no connection listened is read now.
                    List<UUID> followed = List.copyOf(bus.followed());
                    if (!followed.isEmpty()) {
                        refresh(followed);
                    }
                })
                .handler(this::announced);
        subscriber = pg;
        connect(pg);
    }

    void stop(@Observes ShutdownEvent stop) {
        stopped = true;
        PgSubscriber pg = subscriber;
        if (pg != null) {
            pg.close();
        }
    }

    private void connect(PgSubscriber pg) {
        pg.connect().onFailure(failure -> {
            if (!stopped) {
                LOG.warnf("Cannot listen for view changes (%s); again in %d ms", failure.getMessage(), RECONNECT_DELAY_MS);
                vertx.setTimer(RECONNECT_DELAY_MS, t -> connect(pg));
            }
        });
    }

    private void announced(String payload) {
        UUID reservationId;
        try {
            reservationId = UUID.fromString(payload);
        } catch (IllegalArgumentException e) {
            LOG.warnf("Ignoring a view change announcement that names no reservation: %s", payload);
            return;
        }
        if (bus.isFollowed(reservationId)) {
            refresh(List.of(reservationId));
        }
    }

    /** Reads the views on a context of their own (Hibernate Reactive's session needs one) and publishes them here. */
    private void refresh(List<UUID> reservationIds) {
        Context context = VertxContext.createNewDuplicatedContext(vertx.getOrCreateContext());
        VertxContextSafetyToggle.setContextSafe(context, true);
        context.runOnContext(v -> lookup.current(reservationIds).subscribe().with(bus::publish,
                failure -> LOG.warnf("Cannot read the changed views %s for this replica's subscribers: %s",
                        reservationIds, failure.toString())));
    }
}
