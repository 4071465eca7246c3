package io.animalhospital.notice.messaging;

import java.net.URI;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.jboss.logging.Logger;

import io.animalhospital.notice.config.OutboxConfig;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.ce.OutgoingCloudEventMetadata;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.pgclient.pubsub.PgSubscriber;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import io.vertx.pgclient.PgConnectOptions;

/**
 * Relays committed outbox rows to Kafka, oldest first, then deletes them.
 * <ul>
 * <li>Woken by PostgreSQL NOTIFY, which is delivered only when the inserting transaction commits, so
 * publishing follows a commit within milliseconds; a timer catches anything a lost notification missed.</li>
 * <li>Safe with several replicas: a transaction-scoped advisory lock lets one relay at a time work, which
 * also keeps one reservation's events in order.</li>
 * <li>A crash between the Kafka acknowledgement and the delete republishes the batch: consumers are
 * idempotent by event id, so a duplicate is harmless and nothing is lost.</li>
 * </ul>
 */
@ApplicationScoped
public class OutboxRelay {

    private static final Logger LOG = Logger.getLogger(OutboxRelay.class);
    /** Arbitrary but fixed: the advisory lock that elects the relaying replica. */
    private static final long RELAY_LOCK = 0x6f7574626f78L;

    private final Pool pool;
    private final MutinyEmitter<String> emitter;
    private final OutboxConfig config;
    private final Vertx vertx;
    private final URI source;
    private final AtomicBoolean running = new AtomicBoolean();
    private final AtomicBoolean again = new AtomicBoolean();
    private PgSubscriber subscriber;

    public OutboxRelay(Pool pool, @Channel("outbox") MutinyEmitter<String> emitter, OutboxConfig config, Vertx vertx) {
        this.pool = pool;
        this.emitter = emitter;
        this.config = config;
        this.vertx = vertx;
        this.source = URI.create(config.source());
    }

    void listen(@Observes StartupEvent start) {
        PgConnectOptions options = PgConnectOptions.fromUri(config.datasourceUrl())
                .setUser(config.datasourceUser())
                .setPassword(config.datasourcePassword());
        subscriber = PgSubscriber.subscriber(vertx, options)
                .reconnectPolicy(retries -> 1_000L);
        subscriber.channel("outbox_event").handler(payload -> wake());
        subscriber.connect().subscribe().with(ok -> wake(),
                failure -> LOG.warnf("Outbox listener not connected (%s); relying on polling", failure.getMessage()));
    }

    void close(@Observes ShutdownEvent stop) {
        if (subscriber != null) {
            subscriber.close().subscribe().with(ok -> { }, failure -> { });
        }
    }

    // The scheduler starts before reactive messaging has wired the emitter this bean needs (a slow start): its
    // first calls would fail to create the bean. Skipped until the application runs, and again while it stops.
    @Scheduled(every = "${hospital.outbox.poll-interval}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    void poll() {
        wake();
    }

    /** Starts a relay run, or asks the running one to go again: runs never overlap within a replica. */
    public void wake() {
        again.set(true);
        if (running.compareAndSet(false, true)) {
            drain();
        }
    }

    private void drain() {
        again.set(false);
        relayBatch()
                .onFailure().recoverWithItem(failure -> {
                    LOG.warnf("Outbox relay failed, will retry: %s", failure.getMessage());
                    return 0;
                })
                .subscribe().with(published -> {
                    boolean full = published >= config.batchSize();
                    running.set(false);
                    if ((full || again.get()) && running.compareAndSet(false, true)) {
                        drain();
                    }
                });
    }

    /** Publishes one batch; returns how many events were published. */
    public Uni<Integer> relayBatch() {
        return pool.withTransaction(connection -> connection
                .preparedQuery("SELECT pg_try_advisory_xact_lock($1)").execute(Tuple.of(RELAY_LOCK))
                .flatMap(lock -> lock.iterator().next().getBoolean(0)
                        ? publish(connection)
                        : Uni.createFrom().item(0)));
    }

    private Uni<Integer> publish(SqlConnection connection) {
        return connection.preparedQuery("SELECT seq, event_id, topic, record_key, event_type, payload::text, occurred_at"
                + " FROM outbox_event ORDER BY seq LIMIT $1").execute(Tuple.of(config.batchSize()))
                .flatMap(rows -> {
                    if (rows.size() == 0) {
                        return Uni.createFrom().item(0);
                    }
                    List<Uni<Void>> sends = new ArrayList<>();
                    List<Long> published = new ArrayList<>();
                    for (Row row : rows) {
                        sends.add(emitter.sendMessage(toMessage(row)));
                        published.add(row.getLong("seq"));
                    }
                    int count = rows.size();
                    // Sent in order on one idempotent producer: Kafka keeps the order per key.
                    return Uni.join().all(sends).andFailFast()
                            .ifNoItem().after(Duration.ofSeconds(30)).fail()
                            // Exactly the rows sent are deleted, never a range: a row with a lower seq may commit after
                            // the SELECT (seq is taken at insert, not at commit), and "seq <= last" would delete it unsent.
                            .flatMap(acked -> connection.preparedQuery("DELETE FROM outbox_event WHERE seq = ANY($1)")
                                    .execute(Tuple.tuple().addArrayOfLong(published.toArray(Long[]::new))))
                            .replaceWith(count);
                });
    }

    private Message<String> toMessage(Row row) {
        UUID eventId = row.getUUID("event_id");
        String key = row.getString("record_key");
        return Message.of(row.getString("payload"))
                .addMetadata(OutgoingKafkaRecordMetadata.<String>builder()
                        .withTopic(row.getString("topic"))
                        .withKey(key)
                        .build())
                .addMetadata(OutgoingCloudEventMetadata.builder()
                        .withId(eventId.toString())
                        .withType(row.getString("event_type"))
                        .withSource(source)
                        .withSubject(key)
                        .withTimestamp(row.getOffsetDateTime("occurred_at").atZoneSameInstant(ZoneOffset.UTC))
                        .build());
    }
}
