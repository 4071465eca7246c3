package io.animalhospital.platform.outbox;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.jboss.logging.Logger;

import io.animalhospital.platform.config.PlatformConfig;
import io.animalhospital.platform.tracing.Traces;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import io.quarkus.arc.properties.IfBuildProperty;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.TracingMetadata;
import io.smallrye.reactive.messaging.ce.OutgoingCloudEventMetadata;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.pgclient.pubsub.PgSubscriber;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import io.vertx.pgclient.PgConnectOptions;

/**
 * Relays committed outbox rows to Kafka on the {@code outbox} channel, oldest first, then deletes them.
 * <ul>
 * <li>Woken by PostgreSQL NOTIFY, which is delivered only when the inserting transaction commits; a timer
 * catches anything a lost notification missed.</li>
 * <li>Safe with several replicas: a transaction-scoped advisory lock lets one relay at a time work, which also
 * keeps one reservation's events in order.</li>
 * <li>A crash between the Kafka acknowledgement and the delete republishes the batch: consumers are idempotent
 * by event id, so a duplicate is harmless and nothing is lost.</li>
 * <li>A held row waits until its time or its release ({@link Outbox#hold}).</li>
 * </ul>
 * A service that publishes nothing turns it off with {@code hospital.platform.outbox.enabled=false} (build time).
 */
@ApplicationScoped
@IfBuildProperty(name = "hospital.platform.outbox.enabled", stringValue = "true", enableIfMissing = true)
public class OutboxRelay {

    private static final Logger LOG = Logger.getLogger(OutboxRelay.class);
    /** Arbitrary but fixed: the advisory lock that elects the relaying replica. */
    private static final long RELAY_LOCK = 0x6f7574626f78L;
    private static final AttributeKey<String> EVENT_TYPE = AttributeKey.stringKey("event.type");
    /** How long the event waited in the outbox: a late relay shows here. */
    private static final AttributeKey<Long> WAITED_MS = AttributeKey.longKey("outbox.waited_ms");
    private static final String DUE_ROWS = "SELECT seq, event_id, topic, record_key, event_type, payload::text, occurred_at, trace_parent"
            + " FROM outbox_event WHERE held_until IS NULL OR held_until <= now() ORDER BY seq LIMIT $1 FOR UPDATE";

    private final Pool pool;
    private final MutinyEmitter<String> emitter;
    private final PlatformConfig.Outbox config;
    private final Vertx vertx;
    private final Tracer tracer;
    private final URI source;
    private final AtomicBoolean running = new AtomicBoolean();
    private final AtomicBoolean again = new AtomicBoolean();
    private PgSubscriber subscriber;

    public OutboxRelay(Pool pool, @Channel("outbox") MutinyEmitter<String> emitter, PlatformConfig config, Vertx vertx,
            Tracer tracer) {
        this.pool = pool;
        this.tracer = tracer;
        this.emitter = emitter;
        this.config = config.outbox();
        this.vertx = vertx;
        this.source = URI.create(this.config.source());
    }

    void listen(@Observes StartupEvent start) {
        PgConnectOptions options = PgConnectOptions.fromUri(config.datasourceUrl())
                .setUser(config.datasourceUser())
                .setPassword(config.datasourcePassword());
        subscriber = PgSubscriber.subscriber(vertx, options).reconnectPolicy(retries -> 1_000L);
        subscriber.channel("outbox_event").handler(payload -> wake());
        subscriber.connect().subscribe().with(ok -> wake(),
                failure -> LOG.warnf("Outbox listener not connected (%s); relying on polling", failure.getMessage()));
    }

    void close(@Observes ShutdownEvent stop) {
        if (subscriber != null) {
            subscriber.close().subscribe().with(ok -> { }, failure -> { });
        }
    }

    // Skipped until the application runs: the scheduler starts before reactive messaging has wired the emitter.
    @Scheduled(every = "${hospital.platform.outbox.poll-interval}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
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

    /** Publishes one batch if this replica holds the relay lock; answers how many events were published. */
    public Uni<Integer> relayBatch() {
        return pool.withTransaction(connection -> connection
                .preparedQuery("SELECT pg_try_advisory_xact_lock($1)").execute(Tuple.of(RELAY_LOCK))
                .flatMap(lock -> lock.iterator().next().getBoolean(0)
                        ? publish(connection)
                        : Uni.createFrom().item(0)));
    }

    // FOR UPDATE: a held row released or withdrawn just as it came due either goes first (the relay skips it) or
    // waits for this publication and then finds it gone.
    private Uni<Integer> publish(SqlConnection connection) {
        return connection.preparedQuery(DUE_ROWS).execute(Tuple.of(config.batchSize()))
                .flatMap(rows -> rows.size() == 0 ? Uni.createFrom().item(0) : sendAndDelete(connection, rows));
    }

    private Uni<Integer> sendAndDelete(SqlConnection connection, RowSet<Row> rows) {
        List<Uni<Void>> sends = new ArrayList<>();
        List<Long> sent = new ArrayList<>();
        for (Row row : rows) {
            sends.add(send(row));
            sent.add(row.getLong("seq"));
        }
        // Sent in order on one idempotent producer: Kafka keeps the order per key. Exactly the rows sent are
        // deleted, never a range: a row with a lower seq may commit after the SELECT (seq is taken at insert).
        return Uni.join().all(sends).andFailFast()
                .ifNoItem().after(Duration.ofSeconds(30)).fail()
                .flatMap(acked -> connection.preparedQuery("DELETE FROM outbox_event WHERE seq = ANY($1)")
                        .execute(Tuple.tuple().addArrayOfLong(sent.toArray(Long[]::new))))
                .replaceWith(sent.size());
    }

    /**
     * One event within the trace of the work that wrote it: a span of the relay whose parent is the stored context,
     * current for the Kafka sink, which writes the record's {@code traceparent} header from it.
     */
    private Uni<Void> send(Row row) {
        String topic = row.getString("topic");
        Instant occurredAt = row.getOffsetDateTime("occurred_at").toInstant();
        Context parent = Traces.context(row.getString("trace_parent"));
        Span span = tracer.spanBuilder("outbox relay " + topic)
                .setParent(parent)
                .setSpanKind(SpanKind.INTERNAL)
                .setAttribute(Traces.RESERVATION_ID, row.getString("record_key"))
                .setAttribute(EVENT_TYPE, row.getString("event_type"))
                .setAttribute(WAITED_MS, Duration.between(occurredAt, Instant.now()).toMillis())
                .startSpan();
        Message<String> message = toMessage(row).addMetadata(TracingMetadata.withCurrent(parent.with(span)));
        return emitter.sendMessage(message).onTermination().invoke((ok, failure, cancelled) -> {
            if (failure != null) {
                span.recordException(failure);
                span.setStatus(StatusCode.ERROR);
            }
            span.end();
        });
    }

    private Message<String> toMessage(Row row) {
        String key = row.getString("record_key");
        return Message.of(row.getString("payload"))
                .addMetadata(OutgoingKafkaRecordMetadata.<String>builder()
                        .withTopic(row.getString("topic"))
                        .withKey(key)
                        .build())
                .addMetadata(OutgoingCloudEventMetadata.builder()
                        .withId(row.getUUID("event_id").toString())
                        .withType(row.getString("event_type"))
                        .withSource(source)
                        .withSubject(key)
                        .withTimestamp(row.getOffsetDateTime("occurred_at").atZoneSameInstant(ZoneOffset.UTC))
                        .build());
    }
}
