package io.animalhospital.lookup;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

import io.animalhospital.infra.EventContract;
import io.animalhospital.infra.TestKafka;

/**
 * Events as the other services publish them (SPEC §4), for one reservation: JSON values keyed by the
 * reservation id, sent on the real broker. Times are explicit, so a test can make events arrive in any order.
 * Every event built here is checked against its producer's schema as it is built, so a producer's change that
 * this service would not read fails these tests (and {@code ConsumerContractTest} says which).
 */
public final class ClinicEvents {

    public static final String RESERVATIONS = "reservation-events";
    public static final String DIAGNOSIS = "diagnosis-events";
    public static final String BILLING = "billing-events";
    public static final String NOTICES = "notice-events";

    /** The producer of each topic, whose schema is the contract. */
    public static final Map<String, String> PRODUCERS = Map.of(RESERVATIONS, "reservation-service",
            DIAGNOSIS, "diagnosis-service", BILLING, "billing-service", NOTICES, "notice-service");
    private static final Map<String, EventContract> CONTRACTS = new java.util.concurrent.ConcurrentHashMap<>();

    private static final ObjectMapper JSON = new ObjectMapper().registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

    final UUID reservationId;
    final UUID scheduleId;
    final UUID billId;
    final String phone;
    final LocalDate date = LocalDate.of(2031, 5, 14);

    public ClinicEvents(String phone) {
        this(UUID.randomUUID(), phone);
    }

    /** A reservation whose ids are derived from its id, so a story can be told again elsewhere. */
    public ClinicEvents(UUID reservationId, String phone) {
        this.reservationId = reservationId;
        this.scheduleId = UUID.nameUUIDFromBytes(("schedule-" + reservationId).getBytes());
        this.billId = UUID.nameUUIDFromBytes(("bill-" + reservationId).getBytes());
        this.phone = phone;
    }

    /** An event on its topic, ready to send (possibly twice). */
    public record Sent(String topic, String key, String json, UUID eventId) {

        public void to(TestKafka kafka) {
            kafka.send(topic, key, json);
        }
    }

    public Sent reservation(String type, String status, Instant at) {
        ObjectNode event = envelope(type, at);
        event.put("status", status);
        if ("ReservationCancelled".equals(type)) {
            event.put("reason", "CUSTOMER");
        }
        ObjectNode r = event.putObject("reservation");
        r.put("id", reservationId.toString());
        r.put("status", status);
        r.put("scheduleId", scheduleId.toString());
        r.put("vet", "Dr. Kim");
        r.put("date", date.toString());
        r.put("ownerName", "Hong Gildong");
        r.put("phone", phone);
        r.putNull("email");
        r.put("petName", "Choco");
        r.put("species", "dog");
        r.put("reason", "vaccination");
        r.put("createdAt", at.toString());
        r.put("updatedAt", at.toString());
        return sent(RESERVATIONS, event);
    }

    public Sent approved(Instant at) {
        ObjectNode event = envelope("AppointmentApproved", at);
        event.put("scheduleId", scheduleId.toString());
        event.put("status", "BOOKED");
        return sent(DIAGNOSIS, event);
    }

    public Sent declined(Instant at) {
        ObjectNode event = envelope("AppointmentDeclined", at);
        event.put("scheduleId", scheduleId.toString());
        event.put("status", "CANCELLED");
        event.put("reason", "DECLINED");
        event.put("note", "The vet is away that day");
        return sent(DIAGNOSIS, event);
    }

    /** Moved to another schedule: the view shows it through the reservation's own events. */
    public Sent moved(Instant at) {
        ObjectNode event = envelope("AppointmentMoved", at);
        event.put("scheduleId", UUID.nameUUIDFromBytes(("moved-" + reservationId).getBytes()).toString());
        event.put("previousScheduleId", scheduleId.toString());
        event.put("vet", "Dr. Park");
        event.put("date", date.plusDays(1).toString());
        event.put("status", "BOOKED");
        return sent(DIAGNOSIS, event);
    }

    public Sent treated(Instant at) {
        ObjectNode event = envelope("Treated", at);
        event.put("scheduleId", scheduleId.toString());
        event.put("status", "TREATED");
        event.set("medicalRecord", JSON.valueToTree(Map.of(
                "doctor", "Dr. Kim",
                "medicalOpinion", "healthy",
                "treatment", "rabies vaccine",
                "prescription", "rest",
                "items", List.of(Map.of("code", "VACCINE_RABIES", "quantity", 1)))));
        return sent(DIAGNOSIS, event);
    }

    public Sent billIssued(Instant at) {
        ObjectNode event = envelope("BillIssued", at);
        event.put("billId", billId.toString());
        event.put("status", "ISSUED");
        event.put("total", 35000);
        event.put("currency", "KRW");
        event.put("issuedAt", at.toString());
        event.set("lines", JSON.valueToTree(List.of(Map.of("code", "CONSULTATION", "description", "Consultation",
                "quantity", 1, "unitPrice", 10000, "amount", 10000))));
        return sent(BILLING, event);
    }

    public Sent billPaid(Instant at) {
        ObjectNode event = envelope("BillPaid", at);
        event.put("billId", billId.toString());
        event.put("status", "PAID");
        event.put("total", 35000);
        event.put("currency", "KRW");
        event.put("method", "CARD");
        event.put("paidAt", at.toString());
        return sent(BILLING, event);
    }

    public Sent notification(String status, String message, Instant at) {
        ObjectNode event = envelope("SENT".equals(status) ? "NotificationSent" : "NotificationFailed", at);
        event.put("notificationId", UUID.randomUUID().toString());
        event.put("sourceEventId", UUID.randomUUID().toString());
        event.put("sourceEventType", "ReservationPlaced");
        event.put("recipient", phone);
        event.put("channel", "log");
        event.put("message", message);
        event.put("status", status);
        event.put("attempts", 1);
        if ("SENT".equals(status)) {
            event.putNull("lastError");
        } else {
            event.put("lastError", "connection refused");
        }
        return sent(NOTICES, event);
    }

    private ObjectNode envelope(String type, Instant at) {
        ObjectNode event = JSON.createObjectNode();
        event.put("eventId", UUID.randomUUID().toString());
        event.put("type", type);
        event.put("occurredAt", at.toString());
        event.put("reservationId", reservationId.toString());
        return event;
    }

    private Sent sent(String topic, ObjectNode event) {
        String json;
        try {
            json = JSON.writeValueAsString(event);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        contract(topic).assertValid(json);
        return new Sent(topic, reservationId.toString(), json, UUID.fromString(event.get("eventId").asText()));
    }

    /** The schema of the topic's events, owned by its producer. */
    public static EventContract contract(String topic) {
        return CONTRACTS.computeIfAbsent(topic, t -> EventContract.of(PRODUCERS.get(t), t));
    }

    /** A phone number no other test uses. */
    public static String uniquePhone() {
        return "010-" + (1000 + (int) (Math.random() * 9000)) + "-" + (1000 + (int) (Math.random() * 9000));
    }
}
