package io.animalhospital.lookup.rest;

import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Pattern;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestStreamElementType;
import org.jboss.resteasy.reactive.server.Cancellable;

import io.animalhospital.lookup.domain.ClinicException;
import io.animalhospital.lookup.domain.ClinicException.Reason;
import io.animalhospital.lookup.domain.ReservationStatusProjection;
import io.animalhospital.lookup.domain.StatusChanges;
import io.animalhospital.lookup.domain.StatusDocument;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;

@Cancellable(false)
@Path("/reservation-status")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "reservation status", description = "The reservation status view, built from events; live stream")
public class ReservationStatusResource {

    private static final Pattern UUID_TEXT =
            Pattern.compile("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");

    private final ReservationStatusProjection projection;
    private final StatusChanges changes;

    public ReservationStatusResource(ReservationStatusProjection projection, StatusChanges changes) {
        this.projection = projection;
        this.changes = changes;
    }

    @GET
    @Path("/{reservationId}")
    @Operation(summary = "One reservation's status view: 404 if no event about it arrived yet, 400 if not a UUID")
    public Uni<StatusDocument> get(@PathParam("reservationId") String reservationId) {
        UUID id = reservationId(reservationId);
        return projection.find(id).onItem().ifNull()
                .failWith(() -> new ClinicException(Reason.RESERVATION_NOT_FOUND, "No reservation with id " + id));
    }

    @GET
    @Operation(summary = "A customer's reservations, by phone number")
    public Uni<List<StatusDocument>> byPhone(@QueryParam("phone") String phone) {
        if (phone == null || phone.isBlank()) {
            throw new ClinicException(Reason.PHONE_REQUIRED, "Query parameter 'phone' is required");
        }
        return projection.byPhone(phone.strip());
    }

    /**
     * The current document on connect (if any), then every committed change. Changes are subscribed to before
     * the current document is read, so nothing falls between the two; the version then drops whatever is not
     * newer than what the client already has, so the client sees the view only move forward.
     */
    @GET
    @Path("/{reservationId}/stream")
    @Produces(MediaType.SERVER_SENT_EVENTS)
    @RestStreamElementType(MediaType.APPLICATION_JSON)
    @Operation(summary = "Live status view (server-sent events): the current document, then each change")
    public Multi<StatusDocument> stream(@PathParam("reservationId") String reservationId) {
        UUID id = reservationId(reservationId);
        return Multi.createFrom().deferred(() -> {
            AtomicLong sent = new AtomicLong(-1);
            return Multi.createBy().merging().streams(changes.of(id), projection.find(id).toMulti())
                    .select().where(document -> newer(sent, document.version()));
        });
    }

    private static boolean newer(AtomicLong sent, long version) {
        long previous;
        do {
            previous = sent.get();
            if (version <= previous) {
                return false;
            }
        } while (!sent.compareAndSet(previous, version));
        return true;
    }

    /** Strict: {@link UUID#fromString} alone also takes shortened forms such as "1-2-3-4-5". */
    private static UUID reservationId(String value) {
        if (value == null || !UUID_TEXT.matcher(value).matches()) {
            throw new ClinicException(Reason.INVALID_RESERVATION_ID, "'" + value + "' is not a UUID");
        }
        return UUID.fromString(value);
    }
}
