package io.animalhospital.lookup.messaging;

import java.time.Instant;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Incoming;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.animalhospital.lookup.domain.ViewChange;
import io.animalhospital.lookup.domain.ViewParts.Notification;
import io.animalhospital.lookup.messaging.LookupEvents.NotificationEvent;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.kafka.KafkaRecordBatch;

/**
 * Shows the events of notice-events in the reservation status view, a poll at a time ({@link EventBatches}: applied
 * once, retried, unreadable or failing messages to {@code notice-events.dlq}).
 */
@ApplicationScoped
public class NoticeEventsConsumer {

    static final String TOPIC = "notice-events";

    private final ObjectMapper mapper;
    private final EventBatches batches;

    public NoticeEventsConsumer(ObjectMapper mapper, EventBatches batches) {
        this.mapper = IncomingEvent.lenient(mapper);
        this.batches = batches;
    }

    @Incoming(TOPIC)
    public Uni<Void> consume(KafkaRecordBatch<String, String> batch) {
        return batches.apply(TOPIC, batch, mapper, this::changeOf);
    }

    /** The event's change of the view, or null for events the view does not show. */
    private ViewChange changeOf(IncomingEvent event) {
        return switch (event.type()) {
            case "NotificationSent", "NotificationFailed" -> {
                NotificationEvent e = event.as(NotificationEvent.class);
                Instant at = LookupEvents.occurredAt(e.occurredAt(), event);
                String status = e.status() != null ? e.status() : "NotificationSent".equals(e.type()) ? "SENT" : "FAILED";
                // A notification is news about the reservation, not a change of its status: no history entry.
                yield new ViewChange(e.reservationId(), e.eventId(), at, view -> view.notification(
                        new Notification(e.notificationId(), e.channel(), status, e.message(), at)));
            }
            // Events this service does not act on are recorded and skipped.
            default -> null;
        };
    }
}
