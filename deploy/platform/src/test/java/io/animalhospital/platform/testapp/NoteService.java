package io.animalhospital.platform.testapp;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.animalhospital.platform.outbox.Outbox;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;

@ApplicationScoped
public class NoteService {

    static final String TOPIC = "notes";

    private final Outbox outbox;

    public NoteService(Outbox outbox) {
        this.outbox = outbox;
    }

    /** The note and its event, in one transaction. */
    @WithTransaction
    public Uni<NoteWritten> write(UUID reservationId, String text) {
        Note note = new Note();
        note.id = UUID.randomUUID();
        note.reservationId = reservationId;
        note.text = text;
        NoteWritten event = new NoteWritten(UUID.randomUUID(), Instant.now(), reservationId, text);
        return note.persist().chain(() -> outbox.append(TOPIC, event)).replaceWith(event);
    }

    /** An event held for an hour: published only when released. */
    @WithTransaction
    public Uni<NoteWritten> hold(UUID reservationId, String text) {
        NoteWritten event = new NoteWritten(UUID.randomUUID(), Instant.now(), reservationId, text);
        return outbox.hold(TOPIC, event, Duration.ofHours(1)).replaceWith(event);
    }

    @WithTransaction
    public Uni<Boolean> release(UUID eventId) {
        return outbox.release(eventId);
    }
}
