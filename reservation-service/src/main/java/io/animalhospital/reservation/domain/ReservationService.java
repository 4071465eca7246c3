package io.animalhospital.reservation.domain;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.animalhospital.platform.paging.PageRequest;
import io.animalhospital.platform.paging.Paged;
import io.animalhospital.platform.security.Caller;
import io.animalhospital.platform.security.PhoneNumbers;
import io.animalhospital.reservation.domain.ClinicException.Reason;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Context;
import io.vertx.core.Vertx;

/**
 * Places, changes and cancels reservations. The seat is taken or moved by the guarded synchronous call to
 * diagnosis first; only a confirmed seat is written here, together with its event, in one transaction.
 * The transactional steps are package-private methods: Quarkus intercepts calls from within the bean too.
 * Who may do what (SPEC §7) is decided here: a customer places for the phone of their account and reads, changes
 * and cancels only what carries it; staff read everything. Another customer's reservation is "not found".
 */
@ApplicationScoped
public class ReservationService {

    private static final Logger LOG = Logger.getLogger(ReservationService.class);

    private final Reservations reservations;
    private final PlacementKeys keys;
    private final Seats seats;
    private final ReservationEvents events;
    private final BookingRules rules;

    public ReservationService(Reservations reservations, PlacementKeys keys, Seats seats, ReservationEvents events,
            BookingRules rules) {
        this.reservations = reservations;
        this.keys = keys;
        this.seats = seats;
        this.events = events;
        this.rules = rules;
    }

    /**
     * The customer's details of a reservation; {@code email} and {@code reason} may be null. The phone is not one of
     * them: it is the customer's own, from their account.
     */
    public record Details(String ownerName, String email, String petName, String species, String reason) {
    }

    /** A placement's reservation, and whether it is the answer to an earlier request under the same Idempotency-Key. */
    public record Placement(Reservation reservation, boolean replayed) {
    }

    /** A placement's Idempotency-Key: whose, which, and the fingerprint of the request it was first used for. */
    record Claim(String phone, String key, String requestHash) {
    }

    /** What a placement does after its first transaction: book with its held cancellation, or answer an earlier one. */
    record Start(UUID held, Reservation earlier) {
    }

    /**
     * Places a reservation for the customer's own phone. Its NOT_CONFIRMED cancellation is written first, held back,
     * because diagnosis may take the seat and the answer never be recorded here; see
     * docs/decisions/0010-held-not-confirmed-cancellation.md. With an {@code idempotencyKey} (may be null) a retry of
     * the same request answers the reservation of the first instead of booking again; see
     * docs/decisions/0018-idempotent-placement.md.
     */
    public Uni<Placement> place(Caller caller, UUID scheduleId, Details details, String idempotencyKey) {
        String phone = caller.requirePhone();
        Reservation attempt = notConfirmed(UUID.randomUUID(), scheduleId, phone, details);
        if (idempotencyKey == null) {
            return holdCancellation(attempt).flatMap(held -> bookAndRecord(attempt, held, null))
                    .map(r -> new Placement(r, false));
        }
        Claim claim = new Claim(phone, idempotencyKey, fingerprint(scheduleId, details));
        return claimAndHold(attempt, claim).flatMap(start -> start.earlier() != null
                ? Uni.createFrom().item(new Placement(start.earlier(), true))
                : bookAndRecord(attempt, start.held(), claim).map(r -> new Placement(r, false)));
    }

    private Uni<Reservation> bookAndRecord(Reservation attempt, UUID held, Claim claim) {
        return onThisContext(seats.book(attempt.id, attempt.scheduleId, attempt.petName, attempt.reason))
                // A business answer (no such schedule, full): no seat was taken, nothing to cancel.
                .onFailure(ClinicException.class)
                .call(() -> settle(() -> withdrawHeld(held, attempt.id, claim), attempt.id))
                .onFailure(SeatsUnavailableException.class)
                .call(() -> settle(() -> releaseHeld(held, attempt.id, claim), attempt.id))
                .flatMap(seat -> record(attempt, seat, held, claim)
                        .onFailure().call(() -> settle(() -> releaseHeld(held, attempt.id, claim), attempt.id)));
    }

    @WithTransaction
    Uni<UUID> holdCancellation(Reservation attempt) {
        return events.cancelledUnlessConfirmed(attempt, rules.placementHold());
    }

    /**
     * Claims the Idempotency-Key with the held cancellation, in one transaction. The key's row stays locked until it
     * commits, so a concurrent retry waits and then finds the claim: it answers the earlier reservation once that is
     * recorded, 409 while the first placement is still under way. A claim whose placement failed or was cut off
     * without recording anything (its hold is over) is taken over.
     */
    @WithTransaction
    Uni<Start> claimAndHold(Reservation attempt, Claim claim) {
        Instant until = Instant.now().plus(rules.placementHold());
        return keys.claim(claim.phone(), claim.key(), claim.requestHash(), attempt.id, until).flatMap(current -> {
            if (!current.requestHash.equals(claim.requestHash())) {
                return Uni.createFrom().failure(new ClinicException(Reason.IDEMPOTENCY_KEY_REUSED,
                        "This Idempotency-Key was already used for a different placement; use a new key"));
            }
            if (current.reservationId.equals(attempt.id)) {
                return started(attempt);
            }
            return reservations.byId(current.reservationId).flatMap(earlier -> {
                if (earlier != null) {
                    return Uni.createFrom().item(new Start(null, earlier));
                }
                if (current.claimedUntil.isAfter(Instant.now())) {
                    return Uni.createFrom().failure(new ClinicException(Reason.PLACEMENT_IN_PROGRESS,
                            "The first placement under this Idempotency-Key is still under way; retry in a moment"));
                }
                current.reservationId = attempt.id;
                current.claimedUntil = until;
                return started(attempt);
            });
        });
    }

    private Uni<Start> started(Reservation attempt) {
        return events.cancelledUnlessConfirmed(attempt, rules.placementHold()).map(held -> new Start(held, null));
    }

    /**
     * Writes the confirmed reservation and its event in one transaction that withdraws the held cancellation, if
     * the placement still holds its Idempotency-Key (a retry may have taken it over after the hold).
     */
    @WithTransaction
    Uni<Reservation> record(Reservation attempt, Seat seat, UUID held, Claim claim) {
        Uni<Boolean> stillClaimed = claim == null ? Uni.createFrom().item(true)
                : keys.locked(claim.phone(), claim.key())
                        .map(current -> current != null && current.reservationId.equals(attempt.id));
        return stillClaimed.flatMap(claimed -> claimed ? events.withdraw(held) : Uni.createFrom().item(false))
                .flatMap(withdrawn -> {
                    if (!withdrawn) {
                        // The hold ended first and the cancellation is out: the seat is on its way back.
                        return Uni.createFrom().failure(new SeatsUnavailableException(
                                "Placement " + attempt.id + " was not confirmed within " + rules.placementHold()));
                    }
                    Reservation r = placed(attempt, seat);
                    return reservations.add(r).call(events::placed)
                            .invoke(added -> LOG.infof("Reservation %s placed on schedule %s: %s", added.id,
                                    added.scheduleId, added.status));
                });
    }

    /** No seat was taken: the held cancellation is not needed, and the key is free for another try. */
    @WithTransaction
    Uni<Void> withdrawHeld(UUID held, UUID reservationId, Claim claim) {
        return events.withdraw(held).call(() -> releaseKey(reservationId, claim)).replaceWithVoid();
    }

    /** A seat may have been taken: it goes back now; the key is free for another try. */
    @WithTransaction
    Uni<Void> releaseHeld(UUID held, UUID reservationId, Claim claim) {
        return events.release(held).call(() -> releaseKey(reservationId, claim)).replaceWithVoid();
    }

    private Uni<Void> releaseKey(UUID reservationId, Claim claim) {
        return claim == null ? Uni.createFrom().voidItem() : keys.release(claim.phone(), claim.key(), reservationId);
    }

    /**
     * Withdraws or releases the held cancellation in a transaction of its own, never in a failed one. If that
     * fails too (the database is gone) the hold's end does the same later; the caller's answer stays the original.
     */
    private Uni<Void> settle(Supplier<Uni<Void>> action, UUID reservationId) {
        return action.get()
                .onFailure().invoke(e -> LOG.warnf("NOT_CONFIRMED of %s stays held until its hold ends: %s",
                        reservationId, e.getMessage()))
                .onFailure().recoverWithNull().replaceWithVoid();
    }

    /**
     * Changes contact details and/or moves to another schedule. A move is the synchronous all-or-nothing call;
     * the reservation changes only after diagnosis confirmed it. If the answer is lost after diagnosis moved the
     * seat, its {@code AppointmentMoved} event brings the reservation along ({@link #appointmentMoved}).
     */
    public Uni<Reservation> change(Caller caller, UUID id, UUID scheduleId, Consumer<Reservation> contactChanges) {
        return changeable(caller, id).flatMap(current -> moveSeat(current, scheduleId)
                .flatMap(seat -> applyChange(id, current.scheduleId, seat, contactChanges)));
    }

    @WithSession
    Uni<Reservation> changeable(Caller caller, UUID id) {
        String phone = caller.requirePhone();
        return reservations.byId(id).map(r -> ownedBy(phone, r, id)).invoke(current -> {
            if (!current.status.isActive()) {
                throw new ClinicException(Reason.NOT_CHANGEABLE, "Reservation " + id + " is " + current.status);
            }
        });
    }

    /** The moved seat, or null when the reservation stays where it is. */
    private Uni<Seat> moveSeat(Reservation current, UUID scheduleId) {
        return scheduleId == null || scheduleId.equals(current.scheduleId)
                ? Uni.createFrom().nullItem()
                : onThisContext(seats.move(current.id, scheduleId));
    }

    /**
     * Row-locked re-read: a clinic event applied meanwhile is seen, not overwritten or reported as a conflict after
     * diagnosis already moved the seat. The move applies unless its event got here first and already moved the
     * reservation, or the clinic ended it meanwhile.
     */
    @WithTransaction
    Uni<Reservation> applyChange(UUID id, UUID from, Seat moved, Consumer<Reservation> contactChanges) {
        return reservations.lockedById(id).flatMap(r -> {
            List<Object> before = r.visible();
            if (moved != null && r.status.isActive() && r.scheduleId.equals(from)) {
                r.holds(moved);
            }
            contactChanges.accept(r);
            if (r.visible().equals(before)) {
                return Uni.createFrom().item(r);
            }
            r.updatedAt = Instant.now();
            return events.changed(r).replaceWith(r);
        });
    }

    /** The customer cancels; allowed until treated. Cancelling twice answers the cancelled reservation. */
    @WithTransaction
    public Uni<Reservation> cancel(Caller caller, UUID id) {
        String phone = caller.requirePhone();
        return reservations.lockedById(id).map(r -> ownedBy(phone, r, id))
                .flatMap(r -> {
                    if (r.status == ReservationStatus.TREATED) {
                        return Uni.createFrom().failure(new ClinicException(Reason.ALREADY_TREATED,
                                "Reservation " + id + " was treated and cannot be cancelled"));
                    }
                    if (!r.status.isActive()) {
                        return Uni.createFrom().item(r);
                    }
                    return end(r, ReservationStatus.CANCELLED, CancelReason.CUSTOMER);
                });
    }

    /** One reservation, for its owner or staff. */
    @WithSession
    public Uni<Reservation> get(Caller caller, UUID id) {
        if (!caller.isStaff()) {
            caller.requirePhone();
        }
        return reservations.byId(id).map(r -> {
            if (r == null || !caller.mayAccess(r.phone)) {
                throw ClinicException.reservationNotFound(id);
            }
            return r;
        });
    }

    /**
     * A list of reservations (the phone in normal form, or null when the request names none): staff see any, a
     * customer always their own. A customer who names another phone is refused whether it has reservations or not.
     */
    @WithSession
    public Uni<Paged<Reservation>> search(Caller caller, Reservations.Search search, PageRequest page) {
        if (caller.isStaff()) {
            return reservations.search(search, page);
        }
        String own = caller.requirePhone();
        if (search.phone() != null && !search.phone().equals(own)) {
            return Uni.createFrom().failure(new ClinicException(Reason.NOT_YOUR_PHONE,
                    "You may list only the reservations of your own phone number"));
        }
        return reservations.search(new Reservations.Search(own, search.date(), search.status()), page);
    }

    // --- diagnosis-service's decisions, applied by the consumer inside its transaction

    /**
     * Staff approved the appointment on {@code scheduleId}. An approval of a schedule the reservation has left since
     * no longer applies; see docs/decisions/0011-approval-applies-to-its-schedule.md.
     */
    public Uni<Void> appointmentApproved(UUID id, UUID scheduleId) {
        return whenKnown(id, r -> {
            if (r.status != ReservationStatus.AWAITING_APPROVAL || !r.scheduleId.equals(scheduleId)) {
                return Uni.createFrom().voidItem();
            }
            r.status = ReservationStatus.RESERVED;
            r.updatedAt = Instant.now();
            return events.approved(r);
        });
    }

    /**
     * diagnosis moved the seat from {@code from}. Usually the move's answer did this already; if it was lost, this
     * brings the reservation to its seat. Applied only to a reservation still where the move started, so an old
     * move's late event never undoes a newer one.
     */
    public Uni<Void> appointmentMoved(UUID id, UUID from, Seat to) {
        return whenKnown(id, r -> {
            if (!r.status.isActive() || !r.scheduleId.equals(from)) {
                return Uni.createFrom().voidItem();
            }
            r.holds(to);
            r.updatedAt = Instant.now();
            return events.changed(r);
        });
    }

    public Uni<Void> appointmentDeclined(UUID id, CancelReason reason) {
        return whenKnown(id, r -> r.status.isActive()
                ? end(r, ReservationStatus.CANCELLED_BY_CLINIC, reason).replaceWithVoid()
                : Uni.createFrom().voidItem());
    }

    /** The treatment happened: it stands even over a cancellation that crossed it on the way. */
    public Uni<Void> treated(UUID id) {
        return whenKnown(id, r -> {
            if (r.status == ReservationStatus.TREATED) {
                return Uni.createFrom().voidItem();
            }
            r.status = ReservationStatus.TREATED;
            r.cancelReason = null;
            r.updatedAt = Instant.now();
            return events.treated(r);
        });
    }

    private Uni<Void> whenKnown(UUID id, Function<Reservation, Uni<Void>> change) {
        return reservations.lockedById(id).flatMap(r -> {
            if (r == null) {
                // An appointment whose reservation was never written: its NOT_CONFIRMED cancellation frees it.
                LOG.debugf("Event for unknown reservation %s ignored", id);
                return Uni.createFrom().voidItem();
            }
            return change.apply(r);
        });
    }

    /** The reservation if it carries the customer's phone; another customer's is as good as missing. */
    private static Reservation ownedBy(String phone, Reservation r, UUID id) {
        if (r == null || !phone.equals(PhoneNumbers.normalise(r.phone).orElse(r.phone))) {
            throw ClinicException.reservationNotFound(id);
        }
        return r;
    }

    private Uni<Reservation> end(Reservation r, ReservationStatus status, CancelReason reason) {
        r.status = status;
        r.cancelReason = reason;
        r.updatedAt = Instant.now();
        return events.cancelled(r).replaceWith(r);
    }

    /** The placement as its NOT_CONFIRMED cancellation reports it: no seat known yet, so no vet or date. */
    private static Reservation notConfirmed(UUID id, UUID scheduleId, String phone, Details details) {
        Reservation attempt = new Reservation();
        attempt.id = id;
        attempt.status = ReservationStatus.CANCELLED;
        attempt.cancelReason = CancelReason.NOT_CONFIRMED;
        attempt.scheduleId = scheduleId;
        attempt.phone = phone;
        apply(attempt, details);
        attempt.createdAt = Instant.now();
        attempt.updatedAt = attempt.createdAt;
        return attempt;
    }

    /** The reservation recorded for a confirmed seat: a new object, not the attempt the cancellation reported. */
    private static Reservation placed(Reservation attempt, Seat seat) {
        Reservation r = new Reservation();
        r.id = attempt.id;
        r.holds(seat);
        r.ownerName = attempt.ownerName;
        r.phone = attempt.phone;
        r.email = attempt.email;
        r.petName = attempt.petName;
        r.species = attempt.species;
        r.reason = attempt.reason;
        r.createdAt = Instant.now();
        r.updatedAt = r.createdAt;
        return r;
    }

    private static void apply(Reservation r, Details details) {
        r.ownerName = details.ownerName();
        r.email = details.email();
        r.petName = details.petName();
        r.species = details.species();
        r.reason = details.reason();
    }

    /** The request a key was first used for, as a digest: each part length-prefixed, so no two requests share one. */
    static String fingerprint(UUID scheduleId, Details details) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            for (String part : Arrays.asList(scheduleId.toString(), details.ownerName(), details.email(),
                    details.petName(), details.species(), details.reason())) {
                sha.update((part == null ? "-" : part.length() + ":" + part).getBytes(StandardCharsets.UTF_8));
                sha.update((byte) ';');
            }
            return HexFormat.of().formatHex(sha.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }

    /** The guarded call may complete on a timer thread: continue on the request's Vert.x context. */
    private static <T> Uni<T> onThisContext(Uni<T> call) {
        Context context = Vertx.currentContext();
        return context == null ? call : call.emitOn(runnable -> context.runOnContext(ignored -> runnable.run()));
    }
}
