package io.animalhospital.platform.testapp;

import java.util.List;
import java.util.UUID;

import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.UriInfo;

import org.jboss.resteasy.reactive.RestResponse;

import io.animalhospital.platform.paging.PageRequest;
import io.animalhospital.platform.paging.Paged;

import io.animalhospital.platform.security.Caller;
import io.animalhospital.platform.security.CurrentCaller;
import io.animalhospital.platform.security.Roles;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.panache.common.Page;
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

    /** A paginated list as every service writes one: a count and one page, ordered by text, ties by id. */
    @GET
    @WithSession
    public Uni<RestResponse<List<String>>> list(@QueryParam("reservationId") UUID reservationId,
            @Valid @BeanParam PageRequest page, @Context UriInfo uri) {
        return Note.count("reservationId", reservationId)
                .chain(total -> Note.<Note>find("reservationId = ?1 order by text, id", reservationId)
                        .page(Page.of(page.page(), page.size())).list()
                        .map(notes -> Paged.of(notes.stream().map(n -> n.text + "/" + n.id).toList(), total)))
                .map(paged -> paged.toResponse(page, uri));
    }

    /** The same list read without {@code @Valid}: the page is still checked, by its accessors. */
    @GET
    @Path("/unchecked")
    public RestResponse<List<String>> unchecked(@BeanParam PageRequest page, @Context UriInfo uri) {
        return Paged.response(List.of(), 0, page, uri);
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
