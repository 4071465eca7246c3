package io.animalhospital.platform.outbox;

import java.util.concurrent.atomic.AtomicLong;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.arc.properties.IfBuildProperty;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;

/**
 * How far the relay is behind, for the dashboard and the alert on a stuck relay (decision 0090):
 * {@code outbox_backlog} (rows due for publication and not yet published) and {@code outbox_oldest_age_seconds}
 * (how long the oldest of them has waited, 0 when there is none). Measured by one query every measure-interval,
 * never on a scrape; a scrape reads the last values. A held row counts only once its time has come. Every replica
 * sees the same table, so every replica reports the same figures: dashboards take the max over replicas.
 */
@ApplicationScoped
@IfBuildProperty(name = "hospital.platform.outbox.enabled", stringValue = "true", enableIfMissing = true)
public class OutboxGauges {

    private static final Logger LOG = Logger.getLogger(OutboxGauges.class);
    private static final String MEASURE = "SELECT count(*) AS backlog,"
            + " coalesce(extract(epoch FROM now() - min(coalesce(held_until, occurred_at))), 0)::bigint AS oldest_age"
            + " FROM outbox_event WHERE held_until IS NULL OR held_until <= now()";

    private final Pool pool;
    private final AtomicLong backlog = new AtomicLong();
    private final AtomicLong oldestAge = new AtomicLong();

    public OutboxGauges(Pool pool, MeterRegistry registry) {
        this.pool = pool;
        Gauge.builder("outbox.backlog", backlog, AtomicLong::get)
                .description("Outbox rows due for publication and not yet published")
                .register(registry);
        Gauge.builder("outbox.oldest.age", oldestAge, AtomicLong::get)
                .description("Seconds the oldest outbox row due for publication has waited; 0 when none")
                .baseUnit("seconds")
                .register(registry);
    }

    @Scheduled(every = "${hospital.platform.outbox.measure-interval}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    Uni<Void> measure() {
        return pool.query(MEASURE).execute()
                .invoke(rows -> {
                    Row row = rows.iterator().next();
                    backlog.set(row.getLong("backlog"));
                    oldestAge.set(row.getLong("oldest_age"));
                })
                .replaceWithVoid()
                // The database away: the last figures stay (the relay cannot publish either; its own log says so).
                .onFailure().recoverWithItem(failure -> {
                    LOG.debugf("Outbox not measured: %s", failure.getMessage());
                    return null;
                });
    }
}
