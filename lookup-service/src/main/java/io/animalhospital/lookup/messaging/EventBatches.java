package io.animalhospital.lookup.messaging;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.animalhospital.lookup.domain.StatusChanges;
import io.animalhospital.lookup.domain.ViewChange;
import io.animalhospital.lookup.messaging.ViewUpdates.ConsumedEvent;
import io.animalhospital.platform.inbox.Inbox;
import io.animalhospital.platform.inbox.IncomingEvent;
import io.animalhospital.platform.inbox.ShutdownGuard;
import io.animalhospital.platform.inbox.UnreadableEventException;
import io.animalhospital.platform.tracing.InSpan;
import io.animalhospital.platform.tracing.Traces;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanBuilder;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import io.smallrye.reactive.messaging.TracingMetadata;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.kafka.KafkaRecord;
import io.smallrye.reactive.messaging.kafka.KafkaRecordBatch;

/**
 * Applies one poll of a topic to the view: all its events in one transaction, since one transaction per event
 * could not keep up under load (docs/decisions/0050). At-least-once delivery, applied once ({@link ViewUpdates}).
 * An unreadable message goes to its topic's DLQ; when the batch's transaction keeps failing, its events are
 * applied one at a time and an event that still fails goes to the DLQ alone. Consumption goes on either way.
 * While the service stops, a failure sends nothing to the DLQ ({@link ShutdownGuard}).
 */
@ApplicationScoped
public class EventBatches {

    private static final Logger LOG = Logger.getLogger(EventBatches.class);
    private static final AttributeKey<Long> EVENTS = AttributeKey.longKey("messaging.batch.message_count");

    private final Inbox inbox;
    private final ViewUpdates updates;
    private final StatusChanges changes;
    private final ShutdownGuard shutdown;
    private final Tracer tracer;

    public EventBatches(Inbox inbox, ViewUpdates updates, StatusChanges changes, ShutdownGuard shutdown, Tracer tracer) {
        this.tracer = tracer;
        this.inbox = inbox;
        this.updates = updates;
        this.changes = changes;
        this.shutdown = shutdown;
    }

    private record Received(KafkaRecord<String, String> record, String type, ConsumedEvent event) {
    }

    /** A message that goes to the DLQ, and why. */
    private record Rejected(KafkaRecord<String, String> record, Throwable reason) {
    }

    /** {@code changeOf} tells an event's change of the view, empty for events the view does not show. */
    public Uni<Void> apply(String topic, KafkaRecordBatch<String, String> batch,
            Function<IncomingEvent, Optional<ViewChange>> changeOf) {
        // One transaction for records of several traces: a span under the first record's trace, linked to the others'.
        List<Context> traces = batch.getRecords().stream()
                .map(record -> record.getMetadata(TracingMetadata.class).map(TracingMetadata::getCurrentContext)
                        .orElse(Context.root()))
                .toList();
        SpanBuilder span = tracer.spanBuilder("apply " + topic).setSpanKind(SpanKind.CONSUMER)
                .setAttribute(EVENTS, (long) batch.getRecords().size());
        traces.stream().skip(1).forEach(other -> span.addLink(Span.fromContext(other).getSpanContext()));
        return InSpan.run(span, traces.isEmpty() ? Context.current() : traces.get(0), () -> applyAll(topic, batch, changeOf));
    }

    private Uni<Void> applyAll(String topic, KafkaRecordBatch<String, String> batch,
            Function<IncomingEvent, Optional<ViewChange>> changeOf) {
        List<Received> readable = new ArrayList<>();
        List<Rejected> rejected = new ArrayList<>();
        for (KafkaRecord<String, String> record : batch) {
            try {
                IncomingEvent event = inbox.read(record.getPayload());
                if (readable.isEmpty()) {
                    Traces.reservation(event.reservationId());
                }
                ViewChange change = changeOf.apply(event).orElse(null);
                readable.add(new Received(record, event.type(), new ConsumedEvent(event.eventId(), change)));
            } catch (UnreadableEventException e) {
                LOG.warnf("Unreadable message on %s-%d (key %s) goes to the DLQ: %s", topic, record.getPartition(), record.getKey(),
                        e.getMessage());
                rejected.add(new Rejected(record, e));
            }
        }
        Uni<Void> applied = readable.isEmpty() ? Uni.createFrom().voidItem()
                : shutdown.guard(updates.together(topic, readable.stream().map(Received::event).toList()))
                        // Live subscribers hear about a change only once it is committed.
                        .invoke(changes::publish)
                        // One line a poll, in the trace of its first event (its reservation too).
                        .invoke(() -> LOG.infof("%d event(s) of %s applied", readable.size(), topic))
                        .replaceWithVoid()
                        .onFailure().recoverWithUni(failure -> {
                            LOG.warnf("Applying a poll of %d event(s) of %s in one transaction failed (%s): applying them one at a time",
                                    readable.size(), topic, failure.toString());
                            return oneByOne(topic, readable, rejected);
                        });
        // The DLQ sends come last: they complete on Kafka's threads, where no transaction may follow (decision 0052).
        return applied.chain(() -> toDeadLetters(rejected)).chain(() -> Uni.createFrom().completionStage(batch::ack));
    }

    /** An administrator's replay of one dead letter: applied alone, published once committed; a failure is answered. */
    public Uni<Void> replay(String topic, String payload, Function<IncomingEvent, Optional<ViewChange>> changeOf) {
        return Uni.createFrom().item(() -> inbox.read(payload))
                .map(event -> new ConsumedEvent(event.eventId(), changeOf.apply(event).orElse(null)))
                .flatMap(event -> shutdown.guard(updates.alone(topic, event)))
                .invoke(changes::publish)
                .replaceWithVoid();
    }

    private Uni<Void> oneByOne(String topic, List<Received> events, List<Rejected> rejected) {
        Uni<Void> done = Uni.createFrom().voidItem();
        for (Received received : events) {
            done = done.chain(() -> shutdown.guard(updates.alone(topic, received.event()))
                    .invoke(changes::publish)
                    .replaceWithVoid()
                    .onFailure().recoverWithItem(failure -> {
                        LOG.warnf("Applying %s %s failed (retried): it goes to the DLQ: %s", received.type(),
                                received.event().eventId(), failure.toString());
                        rejected.add(new Rejected(received.record(), failure));
                        return null;
                    }));
        }
        return done;
    }

    private static Uni<Void> toDeadLetters(List<Rejected> rejected) {
        Uni<Void> sent = Uni.createFrom().voidItem();
        for (Rejected r : rejected) {
            sent = sent.chain(() -> Uni.createFrom().completionStage(() -> r.record().nack(r.reason())));
        }
        return sent;
    }
}
