package io.animalhospital.notice;

import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

import io.animalhospital.infra.EventContract;

/**
 * Events as the other services put them on Kafka (SPEC §4), as raw JSON, each checked against its producer's
 * contract: a producer that renames a field this service reads fails these tests.
 */
final class Events {

    static final EventContract RESERVATION_EVENTS = EventContract.of("reservation-service", "reservation-events");
    static final EventContract BILLING_EVENTS = EventContract.of("billing-service", "billing-events");
    /** This service's own contract for what it publishes. */
    static final EventContract NOTICE_EVENTS = EventContract.of("notice-service", "notice-events");

    private Events() {
    }

    /** A reservation's contact and visit, as carried by every reservation event's snapshot. */
    record Reservation(UUID id, String ownerName, String phone, String email, String petName, String vet,
            LocalDate date) {

        static Reservation of(String petName, String phone, String email) {
            return new Reservation(UUID.randomUUID(), "Kim Minji", phone, email, petName, "Park", LocalDate.of(2031, 5, 4));
        }

        String key() {
            return id.toString();
        }
    }

    static String reservationEvent(UUID eventId, String type, Reservation r, String status, String reason) {
        return valid(RESERVATION_EVENTS, reservationJson(eventId, type, r, status, reason));
    }

    /** A type reservation-service may add one day: deliberately not in today's contract. */
    static String unknownReservationEvent(UUID eventId, String type, Reservation r) {
        return reservationJson(eventId, type, r, "RESERVED", null);
    }

    private static String reservationJson(UUID eventId, String type, Reservation r, String status, String reason) {
        Instant now = Instant.now();
        return "{\"eventId\":\"" + eventId + "\",\"type\":\"" + type + "\",\"occurredAt\":\"" + now
                + "\",\"reservationId\":\"" + r.id() + "\",\"status\":\"" + status + "\""
                + (reason == null ? "" : ",\"reason\":\"" + reason + "\"")
                + ",\"reservation\":{\"id\":\"" + r.id() + "\",\"status\":\"" + status
                + "\",\"scheduleId\":\"" + UUID.randomUUID() + "\",\"vet\":\"" + r.vet() + "\",\"date\":\"" + r.date()
                + "\",\"ownerName\":\"" + r.ownerName() + "\",\"phone\":\"" + r.phone() + "\",\"email\":"
                + (r.email() == null ? "null" : "\"" + r.email() + "\"") + ",\"petName\":\"" + r.petName()
                + "\",\"species\":\"dog\",\"reason\":\"limping\",\"createdAt\":\"" + now + "\",\"updatedAt\":\"" + now
                + "\",\"aFieldFromTheFuture\":1}}";
    }

    static String billIssued(UUID eventId, UUID reservationId, long total) {
        return valid(BILLING_EVENTS, "{\"eventId\":\"" + eventId + "\",\"type\":\"BillIssued\",\"occurredAt\":\""
                + Instant.now()
                + "\",\"reservationId\":\"" + reservationId + "\",\"billId\":\"" + UUID.randomUUID()
                + "\",\"status\":\"ISSUED\",\"total\":" + total + ",\"currency\":\"KRW\",\"lines\":[{\"code\":\"CONSULT\","
                + "\"description\":\"Consultation\",\"quantity\":1,\"unitPrice\":" + total + ",\"amount\":" + total + "}],"
                + "\"issuedAt\":\"" + Instant.now() + "\"}");
    }

    static String billPaid(UUID eventId, UUID reservationId, long total, String method) {
        return valid(BILLING_EVENTS, "{\"eventId\":\"" + eventId + "\",\"type\":\"BillPaid\",\"occurredAt\":\""
                + Instant.now()
                + "\",\"reservationId\":\"" + reservationId + "\",\"billId\":\"" + UUID.randomUUID()
                + "\",\"status\":\"PAID\",\"total\":" + total + ",\"currency\":\"KRW\",\"method\":\"" + method
                + "\",\"paidAt\":\"" + Instant.now() + "\"}");
    }

    private static String valid(EventContract contract, String json) {
        contract.assertValid(json);
        return json;
    }
}
