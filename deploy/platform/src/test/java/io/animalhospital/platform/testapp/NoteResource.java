package io.animalhospital.platform.testapp;

import java.util.UUID;

import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
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

import io.animalhospital.platform.security.Caller;
import io.animalhospital.platform.security.CurrentCaller;
import io.animalhospital.platform.security.Roles;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;

@Path("/notes")
@Produces(MediaType.APPLICATION_JSON)
@PermitAll
public class NoteResource {

    public record NoteRequest(@NotNull UUID reservationId, @NotBlank @Size(max = 100) String text, Integer pages) {
    }

    private final NoteService notes;
    private final CurrentCaller caller;

    public NoteResource(NoteService notes, CurrentCaller caller) {
        this.notes = notes;
        this.caller = caller;
    }

    /** Staff only: what a write needs when it is not for anyone. */
    @POST
    @Path("/clinic")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.STAFF)
    public Uni<NoteWritten> writeForClinic(@Valid @NotNull NoteRequest request) {
        return notes.write(request.reservationId(), request.text());
    }

    /** Who the platform says the caller is. */
    @GET
    @Path("/caller")
    @RolesAllowed({ Roles.CUSTOMER, Roles.STAFF })
    public Caller caller() {
        return caller.get();
    }

    @GET
    @Path("/count")
    @WithSession
    public Uni<Long> count() {
        return Note.count();
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
