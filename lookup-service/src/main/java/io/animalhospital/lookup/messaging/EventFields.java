package io.animalhospital.lookup.messaging;

import java.time.Instant;

import io.animalhospital.lookup.domain.ViewChange.Origin;
import io.animalhospital.platform.inbox.IncomingEvent;
import io.animalhospital.platform.inbox.UnreadableEventException;

/**
 * How the consumers read the fields the view needs (SPEC §4); each consumer reads its own small record, and
 * fields added by newer producers are ignored.
 */
final class EventFields {

    private EventFields() {
    }

    /** Every decision of the view compares event times: an event without one cannot be placed, so it is unreadable. */
    static Origin origin(IncomingEvent event, Instant occurredAt) {
        if (occurredAt == null) {
            throw new UnreadableEventException(event.type() + " " + event.eventId() + " has no occurredAt");
        }
        return new Origin(event.reservationId(), event.eventId(), occurredAt, event.type());
    }

    /**
     * The status an event carries, or {@code byType} when it carries none. A status outside the producer's
     * contract cannot be ranked against the others: the event is unreadable, and goes to the DLQ to be replayed
     * once this service knows it (docs/decisions/0054).
     */
    static <E extends Enum<E>> E status(Class<E> statuses, String value, E byType, IncomingEvent event) {
        if (value == null) {
            return byType;
        }
        try {
            return Enum.valueOf(statuses, value);
        } catch (IllegalArgumentException e) {
            throw new UnreadableEventException(event.type() + " " + event.eventId() + " has an unknown status " + value);
        }
    }
}
