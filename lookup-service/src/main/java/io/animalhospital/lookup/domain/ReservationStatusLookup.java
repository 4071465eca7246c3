package io.animalhospital.lookup.domain;

import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

import jakarta.enterprise.context.ApplicationScoped;

import io.animalhospital.lookup.domain.ClinicException.Reason;
import io.animalhospital.platform.paging.PageRequest;
import io.animalhospital.platform.paging.Paged;
import io.animalhospital.platform.security.Caller;
import io.animalhospital.platform.security.PhoneNumbers;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;

/**
 * The reads of the view, each for a caller (SPEC §7): staff read every document, a customer only those carrying
 * the phone of their account. Another customer's document answers exactly as a missing one (404), so a customer
 * cannot learn that a reservation exists.
 */
@ApplicationScoped
public class ReservationStatusLookup {

    private final StatusViews views;
    private final StatusChanges changes;

    public ReservationStatusLookup(StatusViews views, StatusChanges changes) {
        this.views = views;
        this.changes = changes;
    }

    @WithSession
    public Uni<StatusDocument> get(UUID reservationId, Caller caller) {
        return views.ofReservation(reservationId)
                .map(view -> view == null || !caller.mayAccess(view.phone) ? null : StatusDocument.of(view))
                .onItem().ifNull().failWith(() -> notFound(reservationId));
    }

    /**
     * The documents of one phone number, in normal form. Staff name any number; a customer gets their own (the
     * parameter may be left out) and is refused (403) for any other: the answer depends on the request and the
     * token only, never on what is stored, so it reveals nothing about another customer.
     */
    @WithSession
    public Uni<Paged<StatusDocument>> byPhone(String requested, Caller caller, PageRequest page) {
        return Uni.createFrom().item(() -> whose(requested, caller))
                .chain(phone -> views.byPhone(phone, page))
                .map(found -> found.map(StatusDocument::of));
    }

    /**
     * Whether the caller may follow the reservation live: staff any (also one whose events have not arrived yet),
     * a customer only their own, which must therefore exist. Asked before the stream opens, since the stream's
     * head is written at once and a refusal after it could not be a 404 any more.
     */
    @WithSession
    public Uni<Void> mayFollow(UUID reservationId, Caller caller) {
        if (caller.isStaff()) {
            return Uni.createFrom().voidItem();
        }
        return get(reservationId, caller).replaceWithVoid();
    }

    /**
     * The current document (if any), then every committed change. Changes are subscribed to before the current
     * document is read, so nothing falls between the two; the version then drops whatever is not newer than what
     * the client already has, so the client sees the view only move forward. A document the caller may not see
     * is never sent ({@link #mayFollow} decided before; this keeps it so whatever the events say later).
     */
    public Multi<StatusDocument> follow(UUID reservationId, Caller caller) {
        return Multi.createFrom().deferred(() -> {
            AtomicLong sent = new AtomicLong(-1);
            Uni<StatusDocument> current = Panache.withSession(() -> views.ofReservation(reservationId))
                    .map(view -> view == null ? null : StatusDocument.of(view));
            return Multi.createBy().merging().streams(changes.of(reservationId), current.toMulti())
                    .select().where(document -> caller.mayAccess(document.phone()) && newer(sent, document.version()));
        });
    }

    /** The current documents of these reservations (those that exist), for a replica told they changed. */
    public Uni<List<StatusDocument>> current(List<UUID> reservationIds) {
        return Panache.withSession(() -> views.inIds(reservationIds))
                .map(list -> list.stream().map(StatusDocument::of).toList());
    }

    private static String whose(String requested, Caller caller) {
        boolean named = requested != null && !requested.isBlank();
        if (caller.isStaff()) {
            if (!named) {
                throw new ClinicException(Reason.PHONE_REQUIRED, "Query parameter 'phone' is required");
            }
            // Stored documents are in normal form, except text that is no phone number, kept as it came.
            String text = requested.strip();
            return PhoneNumbers.normalise(text).orElse(text);
        }
        String own = caller.requirePhone();
        if (named && !own.equals(PhoneNumbers.normalise(requested).orElse(null))) {
            throw new ClinicException(Reason.NOT_YOUR_PHONE,
                    "A customer may list only the reservations of their own phone number");
        }
        return own;
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

    private static ClinicException notFound(UUID reservationId) {
        return new ClinicException(Reason.RESERVATION_NOT_FOUND, "No reservation with id " + reservationId);
    }
}
