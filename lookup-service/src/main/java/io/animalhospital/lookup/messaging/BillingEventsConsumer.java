package io.animalhospital.lookup.messaging;

import io.animalhospital.platform.deadletter.ReplayableConsumer;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Incoming;

import io.animalhospital.lookup.domain.BillStatus;
import io.animalhospital.lookup.domain.ViewChange;
import io.animalhospital.platform.inbox.IncomingEvent;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.kafka.KafkaRecordBatch;

/**
 * Shows the events of billing-events in the reservation status view, a poll at a time ({@link EventBatches}:
 * applied once, retried, unreadable or failing messages to {@code billing-events.dlq}).
 */
@ApplicationScoped
public class BillingEventsConsumer implements ReplayableConsumer {

    static final String TOPIC = "billing-events";

    /** BillIssued and BillPaid. */
    record Fields(Instant occurredAt, UUID billId, String status, Long total) {
    }

    private final EventBatches batches;

    public BillingEventsConsumer(EventBatches batches) {
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
        return event.typeIn(BillingEventType.class).map(type -> change(type, event));
    }

    private static ViewChange change(BillingEventType type, IncomingEvent event) {
        Fields e = event.as(Fields.class);
        BillStatus status = EventFields.status(BillStatus.class, e.status(), type.status, event);
        return ViewChange.bill(EventFields.origin(event, e.occurredAt()), e.billId(), e.total(), status);
    }
}
