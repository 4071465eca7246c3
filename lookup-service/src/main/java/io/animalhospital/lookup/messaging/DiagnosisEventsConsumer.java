package io.animalhospital.lookup.messaging;

import io.animalhospital.platform.deadletter.ReplayableConsumer;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Incoming;

import io.animalhospital.lookup.domain.AppointmentStatus;
import io.animalhospital.lookup.domain.ViewChange;
import io.animalhospital.lookup.domain.ViewParts;
import io.animalhospital.platform.inbox.IncomingEvent;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.kafka.KafkaRecordBatch;

/**
 * Shows the events of diagnosis-events in the reservation status view, a poll at a time ({@link EventBatches}:
 * applied once, retried, unreadable or failing messages to {@code diagnosis-events.dlq}).
 */
@ApplicationScoped
public class DiagnosisEventsConsumer implements ReplayableConsumer {

    static final String TOPIC = "diagnosis-events";

    /** AppointmentApproved and AppointmentDeclined. */
    record Fields(Instant occurredAt, String status) {
    }

    /** Treated, with its medical record. */
    record TreatedFields(Instant occurredAt, String status, MedicalRecord medicalRecord) {
    }

    record MedicalRecord(String doctor, String medicalOpinion, String treatment, String prescription,
            List<Item> items) {

        ViewParts.Treatment summary() {
            List<ViewParts.Item> summaryItems = items == null ? List.of()
                    : items.stream().map(i -> new ViewParts.Item(i.code(), i.quantity())).toList();
            return new ViewParts.Treatment(doctor, medicalOpinion, treatment, prescription, summaryItems);
        }
    }

    record Item(String code, int quantity) {
    }

    private final EventBatches batches;

    public DiagnosisEventsConsumer(EventBatches batches) {
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

    /** The event's change of the view; empty for events the view does not show (recorded and skipped). */
    private Optional<ViewChange> changeOf(IncomingEvent event) {
        return event.typeIn(DiagnosisEventType.class).filter(DiagnosisEventType::shown).map(type -> change(type, event));
    }

    private static ViewChange change(DiagnosisEventType type, IncomingEvent event) {
        if (type == DiagnosisEventType.Treated) {
            TreatedFields e = event.as(TreatedFields.class);
            AppointmentStatus status = EventFields.status(AppointmentStatus.class, e.status(), type.status, event);
            ViewParts.Treatment treatment = e.medicalRecord() == null ? null : e.medicalRecord().summary();
            return ViewChange.appointment(EventFields.origin(event, e.occurredAt()), status, treatment);
        }
        Fields e = event.as(Fields.class);
        AppointmentStatus status = EventFields.status(AppointmentStatus.class, e.status(), type.status, event);
        return ViewChange.appointment(EventFields.origin(event, e.occurredAt()), status, null);
    }
}
