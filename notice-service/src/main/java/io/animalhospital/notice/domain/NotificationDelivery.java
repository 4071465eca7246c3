package io.animalhospital.notice.domain;

import java.time.Duration;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;

import org.jboss.logging.Logger;

import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import io.quarkus.vertx.ConsumeEvent;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.subscription.UniEmitter;
import io.vertx.core.Context;
import io.vertx.mutiny.core.eventbus.EventBus;

/**
 * Delivers stored notifications outside the transaction that stored them, so a slow or dead channel never holds
 * up consumption (docs/decisions/0033). The queue is the table: due PENDING rows are claimed under a lease,
 * delivered concurrently, and their outcomes recorded together (0034). Woken after each consumer commit, and by a
 * timer that catches retries and other replicas' leftovers.
 */
@ApplicationScoped
public class NotificationDelivery {

    static final String WAKE = "notice-delivery-wake";
    private static final Logger LOG = Logger.getLogger(NotificationDelivery.class);
    private static final int MAX_ERROR = 1000;

    private final Notifications notifications;
    private final DeliveryRecorder recorder;
    private final NoticeSettings settings;
    private final EventBus bus;
    private final Map<ChannelKind, NotificationChannel> channels = new EnumMap<>(ChannelKind.class);
    private final AtomicBoolean running = new AtomicBoolean();
    private final AtomicBoolean again = new AtomicBoolean();

    public NotificationDelivery(Notifications notifications, DeliveryRecorder recorder, NoticeSettings settings,
            EventBus bus, Instance<NotificationChannel> available) {
        this.notifications = notifications;
        this.recorder = recorder;
        this.settings = settings;
        this.bus = bus;
        available.forEach(channel -> channels.put(channel.kind(), channel));
    }

    /** A misconfigured channel is found at start-up, not at the first notification. */
    void validate(@Observes StartupEvent start) {
        NoticeSettings.Delivery delivery = settings.delivery();
        if (settings.channel() == ChannelKind.WEBHOOK && settings.webhook().url().isEmpty()) {
            throw new IllegalStateException("hospital.notice.channel=webhook needs hospital.notice.webhook.url");
        }
        if (settings.email().fallback() == ChannelKind.EMAIL) {
            throw new IllegalStateException("hospital.notice.email.fallback must be log or webhook");
        }
        if (settings.channel() == ChannelKind.EMAIL && settings.email().fallback() == ChannelKind.WEBHOOK
                && settings.webhook().url().isEmpty()) {
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
        return deliverDue(settings.delivery().gather());
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
                    LOG.warnf("Notification delivery round failed, will retry: %s",
                            Recipients.redacted(failure.getMessage()));
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
                timer -> resume(context, emitter)));
    }

    private static void resume(Context context, UniEmitter<? super Void> emitter) {
        context.runOnContext(ignored -> emitter.complete(null));
    }

    private Uni<Void> rounds(Context context) {
        again.set(false);
        return notifications.claimDue(settings.delivery().batchSize(), settings.delivery().lease())
                .chain(claimed -> claimed.isEmpty() ? Uni.createFrom().voidItem() : deliver(claimed, context));
    }

    /**
     * Calls the channels concurrently and records the outcomes together: under load a round is a full batch, and
     * one commit instead of one per notification keeps the database's share per notification small.
     */
    private Uni<Void> deliver(List<Delivery> claimed, Context context) {
        LOG.debugf("Claimed %d notification(s)", claimed.size());
        return Multi.createFrom().iterable(claimed)
                .onItem().transformToUniAndMerge(d -> attempt(d, context))
                .collect().asList()
                .chain(this::record)
                .chain(() -> claimed.size() >= settings.delivery().batchSize() || again.get()
                        ? rounds(context)
                        : Uni.createFrom().voidItem());
    }

    /** One channel call, bounded by the timeout; never fails, the failure is the outcome. */
    private Uni<DeliveryOutcome> attempt(Delivery d, Context context) {
        NotificationChannel channel = channels.get(d.channel());
        Uni<Void> call = channel == null
                ? Uni.createFrom().failure(new IllegalStateException("no channel " + d.channel()))
                : Uni.createFrom().deferred(() -> channel.deliver(d));
        Uni<DeliveryOutcome> outcome = call
                .ifNoItem().after(settings.delivery().timeout())
                .failWith(() -> new ChannelException(d.channel().wireName() + " timed out: no answer within "
                        + settings.delivery().timeout().toMillis() + " ms"))
                .map(ok -> new DeliveryOutcome(d.notificationId(), null))
                .onFailure().recoverWithItem(failure -> new DeliveryOutcome(d.notificationId(), describe(failure)));
        // Channels may answer on another thread (timer, mail client): record on this round's context.
        return context == null ? outcome
                : outcome.emitOn(runnable -> context.runOnContext(ignored -> runnable.run()));
    }

    /**
     * Records a round's outcomes in one transaction. If that fails, each is recorded on its own, so that one
     * notification that cannot be recorded leaves the others' outcomes recorded (and their messages not sent
     * again when the lease ends).
     */
    private Uni<Void> record(List<DeliveryOutcome> outcomes) {
        return recorder.record(outcomes).onFailure().recoverWithUni(failure -> {
            LOG.debugf("Recording %d outcome(s) together failed (%s); one at a time", outcomes.size(),
                    Recipients.redacted(failure.getMessage()));
            return recordOneByOne(outcomes);
        });
    }

    private Uni<Void> recordOneByOne(List<DeliveryOutcome> outcomes) {
        return Multi.createFrom().iterable(outcomes)
                .onItem().transformToUniAndConcatenate(this::recordAlone)
                .collect().last().replaceWithVoid();
    }

    /** A row that cannot be recorded stays claimed until its lease ends, then it is tried again. */
    private Uni<Void> recordAlone(DeliveryOutcome outcome) {
        return recorder.record(List.of(outcome)).onFailure().recoverWithUni(failure -> {
            LOG.warnf("Could not record delivery of %s: %s", outcome.notificationId(),
                    Recipients.redacted(failure.getMessage()));
            return Uni.createFrom().voidItem();
        });
    }

    private static String describe(Throwable failure) {
        String text = failure.getClass().getSimpleName() + ": " + failure.getMessage();
        if (failure instanceof ChannelException) {
            text = failure.getMessage();
        }
        return text.length() <= MAX_ERROR ? text : text.substring(0, MAX_ERROR);
    }
}
