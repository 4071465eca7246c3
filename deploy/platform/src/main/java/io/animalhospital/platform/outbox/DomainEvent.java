package io.animalhospital.platform.outbox;

import java.time.Instant;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonProperty;

/** What every event on Kafka carries (SPEC §4); the reservation id is the record key. */
public interface DomainEvent {

    UUID eventId();

    Instant occurredAt();

    UUID reservationId();

    /** The event's name on the wire, e.g. {@code ReservationPlaced}: the record's simple name. */
    @JsonProperty("type")
    default String type() {
        return getClass().getSimpleName();
    }
}
