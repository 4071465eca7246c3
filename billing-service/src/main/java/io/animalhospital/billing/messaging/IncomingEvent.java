package io.animalhospital.billing.messaging;

import java.util.UUID;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * An event read from Kafka: its envelope (id, type, reservation) and the raw JSON, converted to the
 * consumer's own record type on demand. Reading is lenient about fields added by newer producers.
 */
public record IncomingEvent(UUID eventId, String type, UUID reservationId, JsonNode body, ObjectMapper mapper) {

    /** A mapper that ignores unknown fields: events may grow fields before their consumers know them. */
    public static ObjectMapper lenient(ObjectMapper mapper) {
        return mapper.copy().disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    }

    /** Fails with {@link UnreadableEventException} when the message is not an event: it goes to the DLQ. */
    public static IncomingEvent read(String payload, ObjectMapper mapper) {
        try {
            JsonNode body = mapper.readTree(payload);
            if (body == null || !body.hasNonNull("eventId") || !body.hasNonNull("type")
                    || !body.hasNonNull("reservationId")) {
                throw new UnreadableEventException("not an event: " + abbreviate(payload));
            }
            return new IncomingEvent(UUID.fromString(body.get("eventId").asText()), body.get("type").asText(),
                    UUID.fromString(body.get("reservationId").asText()), body, mapper);
        } catch (JsonProcessingException | IllegalArgumentException e) {
            throw new UnreadableEventException("unreadable event: " + e.getMessage());
        }
    }

    public <T> T as(Class<T> type) {
        try {
            return mapper.treeToValue(body, type);
        } catch (JsonProcessingException | IllegalArgumentException e) {
            throw new UnreadableEventException("unreadable " + this.type + ": " + e.getMessage());
        }
    }

    private static String abbreviate(String text) {
        return text == null || text.length() <= 200 ? String.valueOf(text) : text.substring(0, 200) + "...";
    }

    /** A message that no retry can make readable. */
    public static class UnreadableEventException extends RuntimeException {
        public UnreadableEventException(String message) {
            super(message);
        }
    }
}
