package io.animalhospital.platform.testapp;

import java.util.UUID;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import io.smallrye.mutiny.Uni;

@Path("/notes")
@Produces(MediaType.APPLICATION_JSON)
public class NoteResource {

    public record NoteRequest(@NotNull UUID reservationId, @NotBlank @Size(max = 100) String text, Integer pages) {
    }

    private final NoteService notes;

    public NoteResource(NoteService notes) {
        this.notes = notes;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Uni<NoteWritten> write(@Valid @NotNull NoteRequest request) {
        return notes.write(request.reservationId(), request.text());
    }

    @POST
    @Path("/held")
    @Consumes(MediaType.APPLICATION_JSON)
    public Uni<NoteWritten> hold(@Valid @NotNull NoteRequest request) {
        return notes.hold(request.reservationId(), request.text());
    }

    @POST
    @Path("/held/{eventId}/release")
    public Uni<Boolean> release(@PathParam("eventId") UUID eventId) {
        return notes.release(eventId);
    }

    @GET
    @Path("/{id}")
    public Uni<NoteWritten> read(@PathParam("id") UUID id) {
        throw new NotFoundException("No note " + id);
    }
}
