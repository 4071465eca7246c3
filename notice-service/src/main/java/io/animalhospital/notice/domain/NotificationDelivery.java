package io.animalhospital.notice.domain;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;

import org.jboss.logging.Logger;

import io.animalhospital.notice.client.ChannelException;
import io.animalhospital.notice.client.NotificationChannel;
import io.animalhospital.notice.config.NoticeConfig;
import io.animalhospital.notice.messaging.NoticeEvents;
import io.animalhospital.notice.messaging.NoticeEvents.NotificationFailed;
import io.animalhospital.notice.messaging.NoticeEvents.NotificationSent;
import io.animalhospital.notice.messaging.Outbox;
import io.animalhospital.notice.repository.NotificationRepository;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import io.quarkus.vertx.ConsumeEvent;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Context;
import io.vertx.mutiny.core.eventbus.EventBus;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Delivers stored notifications outside the transaction that stored them, so a slow or dead channel never
 * holds up consumption. The queue is the table itself: every due PENDING row (next_attempt_at passed) is
 * claimed, delivered, and recorded as SENT, as due again later (exponential backoff), or as FAILED once the
 * attempts are used up. Nothing lives only in memory, so a restart loses no delivery.
 * <ul>
 * <li>Woken right after a consumer commits, and by a timer that catches retries and other replicas' leftovers.</li>
 * <li>Replicas share the queue: claiming takes rows with {@code FOR UPDATE SKIP LOCKED} and pushes their due time
 * out by a lease, so one replica delivers a row at a time; a replica that dies mid-delivery leaves the row to
 * be claimed again when the lease ends (at-least-once: the gateway may see a rare duplicate, which the
 * {@code Idempotency-Key} of the webhook lets it drop).</li>
 * </ul>
 */
@ApplicationScoped
public class NotificationDelivery {

    static final String WAKE = "notice-delivery-wake";
    private static final Logger LOG = Logger.getLogger(NotificationDelivery.class);
    private static final int MAX_ERROR = 1000;

    private final Pool pool;
    private final NotificationRepository notifications;
    private final Outbox outbox;
    private final NoticeConfig config;
    private final EventBus bus;
    private final MeterRegistry metrics;
    private final Map<ChannelKind, NotificationChannel> channels = new EnumMap<>(ChannelKind.class);
    private final AtomicBoolean running = new AtomicBoolean();
    private final AtomicBoolean again = new AtomicBoolean();

    public NotificationDelivery(Pool pool, NotificationRepository notifications, Outbox outbox, NoticeConfig config,
            EventBus bus, MeterRegistry metrics, Instance<NotificationChannel> available) {
        this.pool = pool;
        this.notifications = notifications;
        this.outbox = outbox;
        this.config = config;
        this.bus = bus;
        this.metrics = metrics;
        available.forEach(channel -> channels.put(channel.kind(), channel));
    }

    /** A misconfigured channel is found at start-up, not at the first notification. */
    void validate(@Observes StartupEvent start) {
        NoticeConfig.Delivery delivery = config.delivery();
        if (config.channel() == ChannelKind.WEBHOOK && config.webhook().url().isEmpty()) {
            throw new IllegalStateException("hospital.notice.channel=webhook needs hospital.notice.webhook.url");
        }
        if (config.email().fallback() == ChannelKind.EMAIL) {
            throw new IllegalStateException("hospital.notice.email.fallback must be log or webhook");
        }
        if (config.channel() == ChannelKind.EMAIL && config.email().fallback() == ChannelKind.WEBHOOK
                && config.webhook().url().isEmpty()) {
            throw new IllegalStateException("hospital.notice.email.fallback=webhook needs hospital.notice.webhook.url");
        }
        if (delivery.maxAttempts() < 1 || delivery.batchSize() < 1) {
            throw new IllegalStateException("hospital.notice.delivery.max-attempts and batch-size must be at least 1");
        }
        if (delivery.lease().compareTo(delivery.timeout().multipliedBy(2)) < 0) {
            throw new IllegalStateException("hospital.notice.delivery.lease must be at least twice the timeout");
        }
    }

    /** Asks for a delivery round soon, e.g. after a consumer committed new notifications. */
    public void wake() {
        bus.send(WAKE, "");
    }

    /** Event-bus consumers run on their own safe Vert.x context, as the reactive session requires. */
    @ConsumeEvent(WAKE)
    Uni<Void> onWake(String ignored) {
        return deliverDue(config.delivery().gather());
    }

    @Scheduled(every = "${hospital.notice.delivery.poll-interval}", delayed = "1s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> poll() {
        return deliverDue(Duration.ZERO);
    }

    /**
     * Delivers until nothing is due, the first round after {@code gather} (wakes meanwhile join it); rounds never
     * overlap within a replica.
     */
    Uni<Void> deliverDue(Duration gather) {
        again.set(true);
        if (!running.compareAndSet(false, true)) {
            return Uni.createFrom().voidItem();
        }
        Context context = io.vertx.core.Vertx.currentContext();
        return later(context, gather)
                .chain(() -> rounds(context))
                .onFailure().recoverWithItem(failure -> {
                    LOG.warnf("Notification delivery round failed, will retry: %s", failure.getMessage());
                    return null;
                })
                .eventually(() -> {
                    running.set(false);
                    if (again.get()) {
                        // Woken after the last look: make sure that work is not left for the timer.
                        wake();
                    }
                });
    }

    /** A Vert.x timer: the round goes on on this context, as the reactive session requires. */
    private static Uni<Void> later(Context context, Duration delay) {
        if (context == null || delay.isZero()) {
            return Uni.createFrom().voidItem();
        }
        return Uni.createFrom().emitter(emitter -> context.owner().setTimer(delay.toMillis(),
                timer -> context.runOnContext(ignored -> emitter.complete(null))));
    }

    private Uni<Void> rounds(Context context) {
        again.set(false);
        return claim().flatMap(claimed -> {
            if (claimed.isEmpty()) {
                return Uni.createFrom().voidItem();
            }
            LOG.debugf("Claimed %d notification(s)", claimed.size());
            // Channel calls run concurrently; their outcomes are recorded together, in one transaction: under
            // load a round is a full batch, and one commit instead of one per notification is what keeps the
            // database's share per notification small.
            return Multi.createFrom().iterable(claimed)
                    .onItem().transformToUniAndMerge(d -> attempt(d, context))
                    .collect().asList()
                    .flatMap(this::record)
                    .flatMap(ignored -> claimed.size() >= config.delivery().batchSize() || again.get()
                            ? rounds(context)
                            : Uni.createFrom().voidItem());
        });
    }

    /** Takes the due notifications and hides them from other workers for the lease. */
    Uni<List<Delivery>> claim() {
        NoticeConfig.Delivery delivery = config.delivery();
        return pool.preparedQuery("UPDATE notification SET next_attempt_at = now() + make_interval(secs => $2)"
                + " WHERE id IN (SELECT id FROM notification WHERE status = 'PENDING' AND next_attempt_at <= now()"
                + " ORDER BY next_attempt_at LIMIT $1 FOR UPDATE SKIP LOCKED)"
                + " RETURNING id, event_id, event_type, reservation_id, recipient, channel, language, message, attempts")
                .execute(Tuple.of(delivery.batchSize(), delivery.lease().toMillis() / 1000.0))
                .map(rows -> {
                    List<Delivery> claimed = new ArrayList<>();
                    for (Row row : rows) {
                        claimed.add(new Delivery(row.getUUID("id"), row.getUUID("event_id"), row.getString("event_type"),
                                row.getUUID("reservation_id"), row.getString("recipient"),
                                ChannelKind.valueOf(row.getString("channel")), Language.valueOf(row.getString("language")),
                                row.getString("message"), row.getInteger("attempts") + 1));
                    }
                    return claimed;
                });
    }

    private record Outcome(Delivery delivery, String error) {
    }

    /** One channel call, bounded by the timeout; never fails, the failure is the outcome. */
    private Uni<Outcome> attempt(Delivery d, Context context) {
        NotificationChannel channel = channels.get(d.channel());
        Uni<Void> call = channel == null
                ? Uni.createFrom().failure(new IllegalStateException("no channel " + d.channel()))
                : Uni.createFrom().deferred(() -> channel.deliver(d));
        Uni<Outcome> outcome = call
                .ifNoItem().after(config.delivery().timeout())
                .failWith(() -> new ChannelException(d.channel().wireName() + " timed out: no answer within "
                        + config.delivery().timeout().toMillis() + " ms"))
                .map(ok -> new Outcome(d, null))
                .onFailure().recoverWithItem(failure -> new Outcome(d, describe(failure)));
        // Channels may answer on another thread (timer, mail client): record on this round's context.
        return context == null ? outcome
                : outcome.emitOn(runnable -> context.runOnContext(ignored -> runnable.run()));
    }

    /**
     * Records a round's attempts, and the events of the notifications they settle, in one transaction. If that
     * fails, each is recorded on its own, so that one notification that cannot be recorded leaves the others'
     * outcomes recorded (and their messages not sent again when the lease ends).
     */
    private Uni<Void> record(List<Outcome> outcomes) {
        return recordTogether(outcomes).onFailure().recoverWithUni(failure -> {
            LOG.debugf("Recording %d outcome(s) together failed (%s); one at a time", outcomes.size(),
                    failure.getMessage());
            return Multi.createFrom().iterable(outcomes)
                    .onItem().transformToUniAndConcatenate(outcome -> recordTogether(List.of(outcome))
                            .onFailure().recoverWithUni(alone -> notRecorded(outcome, alone)))
                    .collect().last().replaceWithVoid();
        });
    }

    private Uni<Void> recordTogether(List<Outcome> outcomes) {
        Map<UUID, Outcome> byNotification = new HashMap<>();
        outcomes.forEach(outcome -> byNotification.put(outcome.delivery().notificationId(), outcome));
        return Panache.withTransaction(() -> notifications.lockAll(byNotification.keySet())
                .flatMap(locked -> Multi.createFrom().iterable(locked)
                        .onItem().transformToUniAndConcatenate(n -> settle(n, byNotification.get(n.id).error()))
                        .collect().last()))
                .replaceWithVoid();
    }

    /** The row stays claimed until its lease ends, then it is tried again. */
    private static Uni<Void> notRecorded(Outcome outcome, Throwable failure) {
        LOG.warnf("Could not record delivery of %s: %s", outcome.delivery().notificationId(), failure.getMessage());
        return Uni.createFrom().voidItem();
    }

    /** One attempt's outcome ({@code error} null: sent), on the locked row. */
    private Uni<Void> settle(Notification n, String error) {
        if (n.status != NotificationStatus.PENDING) {
            return Uni.createFrom().voidItem();
        }
        n.attempts++;
        count(n.channel, error == null ? "sent" : "failed");
        if (error == null) {
            n.status = NotificationStatus.SENT;
            n.sentAt = Instant.now();
            n.nextAttemptAt = null;
            LOG.debugf("Notification %s sent by %s after %d attempt(s)", n.id, n.channel, n.attempts);
            return outbox.append(NoticeEvents.TOPIC, NotificationSent.of(n));
        }
        n.lastError = error;
        if (n.attempts >= config.delivery().maxAttempts()) {
            n.status = NotificationStatus.FAILED;
            n.nextAttemptAt = null;
            LOG.warnf("Notification %s FAILED after %d attempts: %s", n.id, n.attempts, n.lastError);
            return outbox.append(NoticeEvents.TOPIC, NotificationFailed.of(n));
        }
        n.nextAttemptAt = Instant.now().plus(backoff(n.attempts));
        LOG.infof("Notification %s attempt %d failed (%s); next at %s", n.id, n.attempts, n.lastError, n.nextAttemptAt);
        return Uni.createFrom().voidItem();
    }

    /** {@code notice_delivery_attempts_total{channel, outcome}}: how each channel is doing. */
    private void count(ChannelKind channel, String outcome) {
        metrics.counter("notice.delivery.attempts", "channel", channel.wireName(), "outcome", outcome).increment();
    }

    /** initial × multiplier^(attempts−1), capped, plus up to 10% jitter so retries of many rows spread out. */
    Duration backoff(int attempts) {
        NoticeConfig.Delivery delivery = config.delivery();
        double millis = delivery.initialBackoff().toMillis() * Math.pow(delivery.backoffMultiplier(), attempts - 1);
        long capped = (long) Math.min(millis, delivery.maxBackoff().toMillis());
        long jitter = capped / 10 == 0 ? 0 : ThreadLocalRandom.current().nextLong(capped / 10);
        return Duration.ofMillis(capped + jitter);
    }

    private static String describe(Throwable failure) {
        String text = failure.getClass().getSimpleName() + ": " + failure.getMessage();
        if (failure instanceof ChannelException) {
            text = failure.getMessage();
        }
        return text.length() <= MAX_ERROR ? text : text.substring(0, MAX_ERROR);
    }
}
