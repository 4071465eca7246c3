package io.animalhospital.reservation;

import java.time.Instant;
import java.util.UUID;

import io.animalhospital.infra.EventContract;

/**
 * diagnosis-service's events as this service's tests feed them to its consumer. Each payload is checked against
 * diagnosis-service's schema first: if the producer renames or drops a field this consumer relies on, these tests
 * fail here instead of the consumer failing in production.
 */
final class DiagnosisEventsFixture {

    static final EventContract CONTRACT = EventContract.of("diagnosis-service", "diagnosis-events");

    private DiagnosisEventsFixture() {
    }

    /** An {@code AppointmentApproved} of the reservation's appointment on {@code scheduleId}. */
    static String approved(UUID eventId, String reservationId, String scheduleId) {
        String json = "{\"eventId\":\"" + eventId + "\",\"type\":\"AppointmentApproved\",\"occurredAt\":\"" + Instant.now()
                + "\",\"reservationId\":\"" + reservationId + "\",\"scheduleId\":\"" + scheduleId
                + "\",\"status\":\"BOOKED\"}";
        CONTRACT.assertValid(json);
        return json;
    }
}
