package io.animalhospital.notice.domain;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;

/**
 * Records delivery attempts on their notifications: SENT, due again after a backoff, or FAILED once the attempts
 * are used up, each settled notification with its event.
 */
@ApplicationScoped
public class DeliveryRecorder {

    private static final Logger LOG = Logger.getLogger(DeliveryRecorder.class);

    private final Notifications notifications;
    private final NotificationEvents events;
    private final NoticeSettings settings;
    private final MeterRegistry metrics;

    public DeliveryRecorder(Notifications notifications, NotificationEvents events, NoticeSettings settings,
            MeterRegistry metrics) {
        this.notifications = notifications;
        this.events = events;
        this.settings = settings;
        this.metrics = metrics;
    }

    /** The outcomes in one transaction: all recorded, or none. */
    @WithTransaction
    public Uni<Void> record(List<DeliveryOutcome> outcomes) {
        Map<UUID, DeliveryOutcome> byNotification = new HashMap<>();
        outcomes.forEach(outcome -> byNotification.put(outcome.notificationId(), outcome));
        return notifications.lockedForRecording(byNotification.keySet())
                .onItem().transformToMulti(locked -> Multi.createFrom().iterable(locked))
                .onItem().transformToUniAndConcatenate(n -> settle(n, byNotification.get(n.id).error()))
                .collect().last()
                .replaceWithVoid();
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
            return announced(n) ? events.sent(n) : Uni.createFrom().voidItem();
        }
        n.lastError = error;
        if (n.attempts >= settings.delivery().maxAttempts()) {
            n.status = NotificationStatus.FAILED;
            n.nextAttemptAt = null;
            givenUp(n.channel);
            LOG.warnf("Notification %s FAILED after %d attempts: %s", n.id, n.attempts,
                    Recipients.redacted(n.lastError));
            return announced(n) ? events.failed(n) : Uni.createFrom().voidItem();
        }
        n.nextAttemptAt = Instant.now().plus(backoff(n.attempts));
        // A gateway's or mail server's error may quote the address it refused.
        LOG.infof("Notification %s attempt %d failed (%s); next at %s", n.id, n.attempts, Recipients.redacted(n.lastError),
                n.nextAttemptAt);
        return Uni.createFrom().voidItem();
    }

    /** Only the customer's notifications are told on notice-events: the status view shows the customer's last one. */
    private static boolean announced(Notification n) {
        return n.audience == Audience.CUSTOMER;
    }

    /** {@code notice_delivery_attempts_total{channel, outcome}}: how each channel is doing. */
    private void count(ChannelKind channel, String outcome) {
        metrics.counter("notice.delivery.attempts", "channel", channel.wireName(), "outcome", outcome).increment();
    }

    /**
     * {@code notice_notifications_failed_total{channel}}: notifications given up on (all attempts used), which a
     * customer or the clinic never got; a failed attempt that a retry mends is only in the attempts above.
     */
    private void givenUp(ChannelKind channel) {
        metrics.counter("notice.notifications.failed", "channel", channel.wireName()).increment();
    }

    /** initial × multiplier^(attempts−1), capped, plus up to 10% jitter so retries of many rows spread out. */
    Duration backoff(int attempts) {
        NoticeSettings.Delivery delivery = settings.delivery();
        double millis = delivery.initialBackoff().toMillis() * Math.pow(delivery.backoffMultiplier(), attempts - 1);
        long capped = (long) Math.min(millis, delivery.maxBackoff().toMillis());
        long jitter = capped / 10 == 0 ? 0 : ThreadLocalRandom.current().nextLong(capped / 10);
        return Duration.ofMillis(capped + jitter);
    }
}
