package io.animalhospital.reservation.messaging;

import io.animalhospital.platform.deadletter.ReplayableConsumer;
import java.time.LocalDate;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.faulttolerance.Retry;
import org.eclipse.microprofile.reactive.messaging.Incoming;

import io.animalhospital.platform.inbox.Inbox;
import io.animalhospital.platform.inbox.IncomingEvent;
import io.animalhospital.platform.inbox.UnreadableEventException;
import io.animalhospital.reservation.domain.CancelReason;
import io.animalhospital.reservation.domain.ReservationService;
import io.animalhospital.reservation.domain.Seat;
import io.smallrye.faulttolerance.api.ExponentialBackoff;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.TracingMetadata;

/**
 * Applies diagnosis-service's decisions to reservations. Applied once per event id; a message that is unreadable
 * or keeps failing goes to {@code diagnosis-events.dlq}. Types this service does not know are recorded and skipped.
 */
@ApplicationScoped
public class DiagnosisEventsConsumer implements ReplayableConsumer {

    static final String TOPIC = "diagnosis-events";

    private final Inbox inbox;
    private final ReservationService reservations;

    public DiagnosisEventsConsumer(Inbox inbox, ReservationService reservations) {
        this.inbox = inbox;
        this.reservations = reservations;
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
        return inbox.applyOnce(TOPIC, inbox.read(payload), received, this::apply);
    }

    private Uni<Void> apply(IncomingEvent event) {
        DiagnosisEventType type = event.typeIn(DiagnosisEventType.class).orElse(null);
        if (type == null) {
            return Uni.createFrom().voidItem();
        }
        return switch (type) {
            case AppointmentApproved -> reservations.appointmentApproved(event.reservationId(), approvedOn(event));
            case AppointmentDeclined -> reservations.appointmentDeclined(event.reservationId(),
                    event.as(Declined.class).cancelReason());
            case AppointmentMoved -> {
                Moved moved = event.as(Moved.class);
                yield reservations.appointmentMoved(event.reservationId(), moved.previousScheduleId(), moved.seat());
            }
            case Treated -> reservations.treated(event.reservationId());
        };
    }

    private static UUID approvedOn(IncomingEvent event) {
        UUID scheduleId = event.as(Approved.class).scheduleId();
        if (scheduleId == null) {
            throw new UnreadableEventException("AppointmentApproved without scheduleId");
        }
        return scheduleId;
    }

    /** {@code AppointmentApproved}, the field read here. */
    record Approved(UUID scheduleId) {
    }

    /** {@code AppointmentDeclined}: DECLINED by staff, or SCHEDULE_WITHDRAWN. */
    record Declined(String reason) {

        CancelReason cancelReason() {
            return CancelReason.SCHEDULE_WITHDRAWN.name().equals(reason) ? CancelReason.SCHEDULE_WITHDRAWN
                    : CancelReason.DECLINED;
        }
    }

    /** {@code AppointmentMoved}, the fields read here: where the seat was, and where it is now. */
    record Moved(UUID previousScheduleId, UUID scheduleId, String vet, LocalDate date, String status) {

        Seat seat() {
            return new Seat(scheduleId, vet, date, "AWAITING_APPROVAL".equals(status));
        }
    }
}
