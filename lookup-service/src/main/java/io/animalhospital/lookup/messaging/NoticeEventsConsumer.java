package io.animalhospital.lookup.messaging;

import io.animalhospital.platform.deadletter.ReplayableConsumer;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Incoming;

import io.animalhospital.lookup.domain.NotificationStatus;
import io.animalhospital.lookup.domain.ViewChange;
import io.animalhospital.lookup.domain.ViewChange.Origin;
import io.animalhospital.lookup.domain.ViewParts.Notification;
import io.animalhospital.platform.inbox.IncomingEvent;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.kafka.KafkaRecordBatch;

/**
 * Shows the events of notice-events in the reservation status view, a poll at a time ({@link EventBatches}:
 * applied once, retried, unreadable or failing messages to {@code notice-events.dlq}).
 */
@ApplicationScoped
public class NoticeEventsConsumer implements ReplayableConsumer {

    static final String TOPIC = "notice-events";

    /** NotificationSent and NotificationFailed. */
    record Fields(Instant occurredAt, UUID notificationId, String channel, String status, String message) {
    }

    private final EventBatches batches;

    public NoticeEventsConsumer(EventBatches batches) {
        this.batches = batches;
    }

    @Override
    public String topic() {
        return TOPIC;
    }

    /** An administrator's replay of a dead letter: the same path, without the retries. */
    @Override
    public Uni<Void> replay(String payload) {
        return batches.replay(TOPIC, payload, this::changeOf);
    }

    @Incoming(TOPIC)
    public Uni<Void> consume(KafkaRecordBatch<String, String> batch) {
        return batches.apply(TOPIC, batch, this::changeOf);
    }

    /** The event's change of the view; empty for types this service does not know (recorded and skipped). */
    private Optional<ViewChange> changeOf(IncomingEvent event) {
        return event.typeIn(NoticeEventType.class).map(type -> change(type, event));
    }

    private static ViewChange change(NoticeEventType type, IncomingEvent event) {
        Fields e = event.as(Fields.class);
        NotificationStatus status = EventFields.status(NotificationStatus.class, e.status(), type.status, event);
        Origin origin = EventFields.origin(event, e.occurredAt());
        return ViewChange.notification(origin,
                new Notification(e.notificationId(), e.channel(), status, e.message(), origin.at()));
    }
}
