package io.animalhospital.lookup.messaging;

import io.animalhospital.platform.deadletter.ReplayableConsumer;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Incoming;

import io.animalhospital.lookup.domain.ReservationStatus;
import io.animalhospital.lookup.domain.ViewChange;
import io.animalhospital.lookup.domain.ViewParts.Details;
import io.animalhospital.platform.inbox.IncomingEvent;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.kafka.KafkaRecordBatch;

/**
 * Shows the events of reservation-events in the reservation status view, a poll at a time ({@link EventBatches}:
 * applied once, retried, unreadable or failing messages to {@code reservation-events.dlq}).
 */
@ApplicationScoped
public class ReservationEventsConsumer implements ReplayableConsumer {

    static final String TOPIC = "reservation-events";

    /** Every event of the topic: the reservation's new status and its snapshot. */
    record Fields(Instant occurredAt, String status, Snapshot reservation) {
    }

    record Snapshot(String status, String vet, LocalDate date, String ownerName, String phone, String petName) {
    }

    private final EventBatches batches;

    public ReservationEventsConsumer(EventBatches batches) {
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
        return event.typeIn(ReservationEventType.class).map(type -> change(event));
    }

    private static ViewChange change(IncomingEvent event) {
        Fields e = event.as(Fields.class);
        Snapshot r = e.reservation();
        ReservationStatus status = EventFields.status(ReservationStatus.class, e.status(), null, event);
        if (status == null && r != null) {
            status = EventFields.status(ReservationStatus.class, r.status(), null, event);
        }
        Details details = r == null ? null : new Details(r.ownerName(), r.phone(), r.petName(), r.vet(), r.date());
        return ViewChange.reservation(EventFields.origin(event, e.occurredAt()), status, details);
    }
}
