package io.animalhospital.reservation.messaging;

import java.time.LocalDate;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.faulttolerance.api.ExponentialBackoff;
import org.eclipse.microprofile.faulttolerance.Retry;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.animalhospital.reservation.domain.ReservationService;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;

/**
 * Applies diagnosis-service's events to reservations. At-least-once delivery, applied once: the event id is
 * recorded in the same transaction as the effect. Transient failures are retried with backoff; a message
 * that is unreadable or keeps failing goes to {@code diagnosis-events.dlq} and consumption goes on.
 * While the service stops, a failure sends nothing to the DLQ ({@link ShutdownGuard}).
 */
@ApplicationScoped
public class DiagnosisEventsConsumer {

    static final String TOPIC = "diagnosis-events";
    private static final Logger LOG = Logger.getLogger(DiagnosisEventsConsumer.class);

    private final ObjectMapper mapper;
    private final ProcessedEvents processed;
    private final ReservationService reservations;
    private final ShutdownGuard shutdown;

    public DiagnosisEventsConsumer(ObjectMapper mapper, ProcessedEvents processed, ReservationService reservations,
            ShutdownGuard shutdown) {
        this.mapper = IncomingEvent.lenient(mapper);
        this.processed = processed;
        this.reservations = reservations;
        this.shutdown = shutdown;
    }

    @Incoming(TOPIC)
    @Retry(maxRetries = 8, delay = 200, abortOn = IncomingEvent.UnreadableEventException.class)
    @ExponentialBackoff(maxDelay = 10_000)
    public Uni<Void> consume(String payload) {
        IncomingEvent event = IncomingEvent.read(payload, mapper);
        // The transaction sits inside the retry: each attempt is a fresh transaction.
        Uni<Void> once = Panache.withTransaction(() -> processed.firstDelivery(event.eventId(), TOPIC).flatMap(first -> {
            if (!first) {
                LOG.debugf("Event %s already applied", event.eventId());
                return Uni.createFrom().voidItem();
            }
            return apply(event);
        }));
        return shutdown.guard(once);
    }

    private Uni<Void> apply(IncomingEvent event) {
        switch (event.type()) {
            case "AppointmentApproved":
                UUID approvedOn = event.as(AppointmentApproved.class).scheduleId();
                if (approvedOn == null) {
                    throw new IncomingEvent.UnreadableEventException("AppointmentApproved without scheduleId");
                }
                return reservations.appointmentApproved(event.reservationId(), approvedOn);
            case "AppointmentDeclined":
                return reservations.appointmentDeclined(event.reservationId(), event.body().path("reason").asText("DECLINED"));
            case "AppointmentMoved":
                AppointmentMoved moved = event.as(AppointmentMoved.class);
                return reservations.appointmentMoved(moved.reservationId(), moved.previousScheduleId(),
                        moved.scheduleId(), moved.vet(), moved.date(), moved.status());
            case "Treated":
                return reservations.treated(event.reservationId());
            default:
                // Events this service does not act on are recorded and skipped.
                return Uni.createFrom().voidItem();
        }
    }

    /** diagnosis-service's {@code AppointmentApproved}, the field read here. */
    record AppointmentApproved(UUID scheduleId) {
    }

    /** diagnosis-service's {@code AppointmentMoved}, the fields read here. */
    record AppointmentMoved(UUID reservationId, UUID scheduleId, UUID previousScheduleId, String vet, LocalDate date,
            String status) {
    }
}
