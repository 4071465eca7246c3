package io.animalhospital.lookup.messaging;

import java.time.Instant;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Incoming;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.animalhospital.lookup.domain.ViewChange;
import io.animalhospital.lookup.messaging.LookupEvents.AppointmentEvent;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.kafka.KafkaRecordBatch;

/**
 * Shows the events of diagnosis-events in the reservation status view, a poll at a time ({@link EventBatches}: applied
 * once, retried, unreadable or failing messages to {@code diagnosis-events.dlq}).
 */
@ApplicationScoped
public class DiagnosisEventsConsumer {

    static final String TOPIC = "diagnosis-events";

    private final ObjectMapper mapper;
    private final EventBatches batches;

    public DiagnosisEventsConsumer(ObjectMapper mapper, EventBatches batches) {
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
            case "AppointmentApproved", "AppointmentDeclined", "Treated" -> {
                AppointmentEvent e = event.as(AppointmentEvent.class);
                Instant at = LookupEvents.occurredAt(e.occurredAt(), event);
                String status = e.status() != null ? e.status() : switch (e.type()) {
                    case "AppointmentApproved" -> "BOOKED";
                    case "AppointmentDeclined" -> "CANCELLED";
                    default -> "TREATED";
                };
                yield new ViewChange(e.reservationId(), e.eventId(), at, view -> {
                    view.appointmentStatus(status, at);
                    if (e.medicalRecord() != null) {
                        view.treatment(e.medicalRecord().summary(), at);
                    }
                    view.history(e.eventId(), status, at, e.type());
                });
            }
            // Events this service does not act on are recorded and skipped.
            default -> null;
        };
    }
}
