package io.animalhospital.lookup.messaging;

import java.time.Instant;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Incoming;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.animalhospital.lookup.domain.ViewChange;
import io.animalhospital.lookup.messaging.LookupEvents.BillEvent;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.kafka.KafkaRecordBatch;

/**
 * Shows the events of billing-events in the reservation status view, a poll at a time ({@link EventBatches}: applied
 * once, retried, unreadable or failing messages to {@code billing-events.dlq}).
 */
@ApplicationScoped
public class BillingEventsConsumer {

    static final String TOPIC = "billing-events";

    private final ObjectMapper mapper;
    private final EventBatches batches;

    public BillingEventsConsumer(ObjectMapper mapper, EventBatches batches) {
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
            case "BillIssued", "BillPaid" -> {
                BillEvent e = event.as(BillEvent.class);
                Instant at = LookupEvents.occurredAt(e.occurredAt(), event);
                String status = e.status() != null ? e.status() : "BillPaid".equals(e.type()) ? "PAID" : "ISSUED";
                yield new ViewChange(e.reservationId(), e.eventId(), at, view -> {
                    view.bill(e.billId(), e.total(), status, at);
                    view.history(e.eventId(), status, at, e.type());
                });
            }
            // Events this service does not act on are recorded and skipped.
            default -> null;
        };
    }
}
