package io.animalhospital.diagnosis.messaging;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.faulttolerance.api.ExponentialBackoff;
import org.eclipse.microprofile.faulttolerance.Retry;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.animalhospital.diagnosis.domain.AppointmentService;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;

/**
 * Applies reservation-service's events to appointments: a cancelled reservation gives its seat back. At-least-once delivery, applied once: the event id is
 * recorded in the same transaction as the effect. Transient failures are retried with backoff; a message
 * that is unreadable or keeps failing goes to {@code reservation-events.dlq} and consumption goes on.
 * While the service stops, a failure sends nothing to the DLQ ({@link ShutdownGuard}).
 */
@ApplicationScoped
public class ReservationEventsConsumer {

    static final String TOPIC = "reservation-events";
    private static final Logger LOG = Logger.getLogger(ReservationEventsConsumer.class);

    private final ObjectMapper mapper;
    private final ProcessedEvents processed;
    private final AppointmentService appointments;
    private final ShutdownGuard shutdown;

    public ReservationEventsConsumer(ObjectMapper mapper, ProcessedEvents processed, AppointmentService appointments,
            ShutdownGuard shutdown) {
        this.mapper = IncomingEvent.lenient(mapper);
        this.processed = processed;
        this.appointments = appointments;
        this.shutdown = shutdown;
    }

    @Incoming(TOPIC)
    @Retry(maxRetries = 8, delay = 200, abortOn = IncomingEvent.UnreadableEventException.class)
    @ExponentialBackoff(maxDelay = 10_000)
    public Uni<Void> consume(String payload) {
        IncomingEvent event = IncomingEvent.read(payload, mapper);
        if (!releasesSeat(event)) {
            // Most of the topic (every placement, change, approval) needs nothing here: no transaction for it.
            return Uni.createFrom().voidItem();
        }
        // The transaction sits inside the retry: each attempt is a fresh transaction.
        Uni<Void> once = Panache.withTransaction(() -> processed.firstDelivery(event.eventId(), TOPIC).flatMap(first -> {
            if (!first) {
                LOG.debugf("Event %s already applied", event.eventId());
                return Uni.createFrom().voidItem();
            }
            return appointments.reservationCancelled(event.reservationId(), event.body().path("reason").asText());
        }));
        return shutdown.guard(once);
    }

    /**
     * Only cancellations by the customer (or of a booking whose answer was lost) release a seat here: the clinic's
     * own cancellations already did.
     */
    private static boolean releasesSeat(IncomingEvent event) {
        if (!"ReservationCancelled".equals(event.type())) {
            return false;
        }
        String reason = event.body().path("reason").asText("");
        return "CUSTOMER".equals(reason) || "NOT_CONFIRMED".equals(reason);
    }
}
