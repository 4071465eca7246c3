package io.animalhospital.platform.inbox;

import java.util.Optional;
import java.util.UUID;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * An event read from Kafka: the envelope every event carries (SPEC §4: id, type, reservation) and the raw JSON,
 * read into the consumer's own record of the fields it needs on demand. Read with {@link Inbox#read}.
 */
public record IncomingEvent(UUID eventId, String type, UUID reservationId, JsonNode body, ObjectMapper mapper) {

    /** Fails with {@link UnreadableEventException} when the message is not an event. */
    static IncomingEvent read(String payload, ObjectMapper mapper) {
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

    /** The event's type as one of the source's types; empty for a type this consumer does not know. */
    public <E extends Enum<E>> Optional<E> typeIn(Class<E> types) {
        for (E candidate : types.getEnumConstants()) {
            if (candidate.name().equals(type)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }

    /** The fields this consumer reads, as its own record; unknown fields are ignored. */
    public <T> T as(Class<T> fields) {
        try {
            return mapper.treeToValue(body, fields);
        } catch (JsonProcessingException | IllegalArgumentException e) {
            throw new UnreadableEventException("unreadable " + type + ": " + e.getMessage());
        }
    }

    private static String abbreviate(String text) {
        return text == null || text.length() <= 200 ? String.valueOf(text) : text.substring(0, 200) + "...";
    }
}
