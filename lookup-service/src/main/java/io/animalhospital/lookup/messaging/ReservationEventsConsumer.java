package io.animalhospital.lookup.messaging;

import java.time.Instant;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Incoming;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.animalhospital.lookup.domain.StatusPrecedence;
import io.animalhospital.lookup.domain.ViewChange;
import io.animalhospital.lookup.messaging.LookupEvents.ReservationEvent;
import io.animalhospital.lookup.messaging.LookupEvents.Snapshot;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.kafka.KafkaRecordBatch;

/**
 * Shows the events of reservation-events in the reservation status view, a poll at a time ({@link EventBatches}: applied
 * once, retried, unreadable or failing messages to {@code reservation-events.dlq}).
 */
@ApplicationScoped
public class ReservationEventsConsumer {

    static final String TOPIC = "reservation-events";

    private final ObjectMapper mapper;
    private final EventBatches batches;

    public ReservationEventsConsumer(ObjectMapper mapper, EventBatches batches) {
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
            case "ReservationPlaced", "ReservationChanged", "ReservationApproved", "ReservationCancelled",
                    "ReservationTreated" -> {
                ReservationEvent e = event.as(ReservationEvent.class);
                Instant at = LookupEvents.occurredAt(e.occurredAt(), event);
                yield new ViewChange(e.reservationId(), e.eventId(), at, view -> {
                    Snapshot r = e.reservation();
                    if (r != null) {
                        view.details(at, r.ownerName(), r.phone(), r.petName(), r.vet(), r.date());
                    }
                    String status = e.status() != null ? e.status() : r == null ? null : r.status();
                    view.reservationStatus(status, at);
                    // The appointment's status follows from the reservation's (diagnosis confirmed it first).
                    view.appointmentStatus(StatusPrecedence.appointmentOf(status), at);
                    view.history(e.eventId(), status, at, e.type());
                });
            }
            // Events this service does not act on are recorded and skipped.
            default -> null;
        };
    }
}
