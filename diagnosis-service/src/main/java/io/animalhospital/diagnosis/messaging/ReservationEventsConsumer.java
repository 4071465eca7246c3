package io.animalhospital.diagnosis.messaging;

import io.animalhospital.platform.deadletter.ReplayableConsumer;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.faulttolerance.Retry;
import org.eclipse.microprofile.reactive.messaging.Incoming;

import io.animalhospital.diagnosis.domain.AppointmentService;
import io.animalhospital.diagnosis.domain.CancelReason;
import io.animalhospital.platform.inbox.Inbox;
import io.animalhospital.platform.inbox.IncomingEvent;
import io.animalhospital.platform.inbox.UnreadableEventException;
import io.smallrye.faulttolerance.api.ExponentialBackoff;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.TracingMetadata;

/**
 * Applies reservation-service's events to appointments: a reservation cancelled by its customer, or never
 * confirmed, gives its seat back. Applied once per event id; a message that is unreadable or keeps failing goes
 * to {@code reservation-events.dlq}.
 */
@ApplicationScoped
public class ReservationEventsConsumer implements ReplayableConsumer {

    static final String TOPIC = "reservation-events";

    private final Inbox inbox;
    private final AppointmentService appointments;

    public ReservationEventsConsumer(Inbox inbox, AppointmentService appointments) {
        this.inbox = inbox;
        this.appointments = appointments;
    }

    @Override
    public String topic() {
        return TOPIC;
    }

    /** An administrator's replay of a dead letter: the same path, without the retries. */
    @Override
    public Uni<Void> replay(String payload) {
        return consume(payload, null);
    }

    @Incoming(TOPIC)
    @Retry(maxRetries = 8, delay = 200, abortOn = UnreadableEventException.class)
    @ExponentialBackoff(maxDelay = 10_000)
    public Uni<Void> consume(String payload, TracingMetadata received) {
        IncomingEvent event = inbox.read(payload);
        Optional<CancelReason> released = releasedSeat(event);
        if (released.isEmpty()) {
            // Most of the topic needs nothing here: no transaction for it.
            // docs/decisions/0015-diagnosis-consumer-skips-unrelated-events.md
            return Uni.createFrom().voidItem();
        }
        return inbox.applyOnce(TOPIC, event, received,
                cancelled -> appointments.reservationCancelled(cancelled.reservationId(), released.get()));
    }

    /**
     * Only cancellations by the customer (or of a placement never confirmed) release a seat here: the clinic's
     * own cancellations already did.
     */
    private static Optional<CancelReason> releasedSeat(IncomingEvent event) {
        if (event.typeIn(ReservationEventType.class).orElse(null) != ReservationEventType.ReservationCancelled) {
            return Optional.empty();
        }
        String reason = event.as(Cancellation.class).reason();
        if (CancelReason.CUSTOMER.name().equals(reason) || CancelReason.NOT_CONFIRMED.name().equals(reason)) {
            return Optional.of(CancelReason.valueOf(reason));
        }
        return Optional.empty();
    }

    /** reservation-service's {@code ReservationCancelled}, the field read here. */
    record Cancellation(String reason) {
    }
}
