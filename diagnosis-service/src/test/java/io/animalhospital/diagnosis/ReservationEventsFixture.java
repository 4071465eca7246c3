package io.animalhospital.diagnosis;

import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

import io.animalhospital.infra.EventContract;

/**
 * reservation-service's events as this service's tests feed them to its consumer. Each payload is checked against
 * reservation-service's schema first: if the producer renames or drops a field this consumer relies on, these
 * tests fail here instead of the consumer failing in production.
 */
final class ReservationEventsFixture {

    static final EventContract CONTRACT = EventContract.of("reservation-service", "reservation-events");

    private ReservationEventsFixture() {
    }

    /** A {@code ReservationCancelled} with the given reason (CUSTOMER, NOT_CONFIRMED, ...). */
    static String cancelled(UUID eventId, UUID reservationId, String reason) {
        Instant now = Instant.now();
        String status = reason.equals("DECLINED") || reason.equals("SCHEDULE_WITHDRAWN") ? "CANCELLED_BY_CLINIC" : "CANCELLED";
        String json = "{\"eventId\":\"" + eventId + "\",\"type\":\"ReservationCancelled\",\"occurredAt\":\"" + now
                + "\",\"reservationId\":\"" + reservationId + "\",\"status\":\"" + status + "\",\"reason\":\"" + reason
                + "\",\"reservation\":{\"id\":\"" + reservationId + "\",\"status\":\"" + status + "\",\"scheduleId\":\""
                + UUID.randomUUID() + "\",\"vet\":\"Dr. Kim\",\"date\":\"" + LocalDate.now().plusDays(1)
                + "\",\"ownerName\":\"Kim Minji\",\"phone\":\"010-1234-5678\",\"email\":null,\"petName\":\"Bori\","
                + "\"species\":\"dog\",\"reason\":null,\"createdAt\":\"" + now + "\",\"updatedAt\":\"" + now + "\"}}";
        CONTRACT.assertValid(json);
        return json;
    }

    static String cancelled(UUID reservationId, String reason) {
        return cancelled(UUID.randomUUID(), reservationId, reason);
    }
}
