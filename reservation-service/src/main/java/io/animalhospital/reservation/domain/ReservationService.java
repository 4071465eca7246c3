package io.animalhospital.reservation.domain;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.function.Function;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

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
 */
@ApplicationScoped
public class ReservationService {

    private static final Logger LOG = Logger.getLogger(ReservationService.class);

    private final Reservations reservations;
    private final Seats seats;
    private final ReservationEvents events;
    private final BookingRules rules;

    public ReservationService(Reservations reservations, Seats seats, ReservationEvents events, BookingRules rules) {
        this.reservations = reservations;
        this.seats = seats;
        this.events = events;
        this.rules = rules;
    }

    /** The customer's details of a reservation; {@code email} and {@code reason} may be null. */
    public record Details(String ownerName, String phone, String email, String petName, String species,
            String reason) {
    }

    /**
     * Places a reservation. Its NOT_CONFIRMED cancellation is written first, held back, because diagnosis may take
     * the seat and the answer never be recorded here; see docs/decisions/0010-held-not-confirmed-cancellation.md.
     */
    public Uni<Reservation> place(UUID scheduleId, Details details) {
        Reservation attempt = notConfirmed(UUID.randomUUID(), scheduleId, details);
        return holdCancellation(attempt).flatMap(held -> bookAndRecord(attempt, held));
    }

    private Uni<Reservation> bookAndRecord(Reservation attempt, UUID held) {
        return onThisContext(seats.book(attempt.id, attempt.scheduleId, attempt.petName, attempt.reason))
                // A business answer (no such schedule, full): no seat was taken, nothing to cancel.
                .onFailure(ClinicException.class).call(() -> settle(this::withdrawHeld, attempt.id, held))
                .onFailure(SeatsUnavailableException.class).call(() -> settle(this::releaseHeld, attempt.id, held))
                .flatMap(seat -> record(attempt, seat, held)
                        .onFailure().call(() -> settle(this::releaseHeld, attempt.id, held)));
    }

    @WithTransaction
    Uni<UUID> holdCancellation(Reservation attempt) {
        return events.cancelledUnlessConfirmed(attempt, rules.placementHold());
    }

    /** Writes the confirmed reservation and its event in one transaction that withdraws the held cancellation. */
    @WithTransaction
    Uni<Reservation> record(Reservation attempt, Seat seat, UUID held) {
        return events.withdraw(held).flatMap(withdrawn -> {
            if (!withdrawn) {
                // The hold ended first and the cancellation is out: the seat is on its way back.
                return Uni.createFrom().failure(new SeatsUnavailableException(
                        "Placement " + attempt.id + " was not confirmed within " + rules.placementHold()));
            }
            Reservation r = placed(attempt, seat);
            return reservations.add(r).call(events::placed);
        });
    }

    @WithTransaction
    Uni<Boolean> withdrawHeld(UUID held) {
        return events.withdraw(held);
    }

    @WithTransaction
    Uni<Boolean> releaseHeld(UUID held) {
        return events.release(held);
    }

    /**
     * Withdraws or releases the held cancellation in a transaction of its own, never in a failed one. If that
     * fails too (the database is gone) the hold's end does the same later; the caller's answer stays the original.
     */
    private Uni<Void> settle(Function<UUID, Uni<Boolean>> action, UUID reservationId, UUID held) {
        return action.apply(held)
                .onFailure().invoke(e -> LOG.warnf("NOT_CONFIRMED of %s stays held until its hold ends: %s",
                        reservationId, e.getMessage()))
                .onFailure().recoverWithNull().replaceWithVoid();
    }

    /**
     * Changes contact details and/or moves to another schedule. A move is the synchronous all-or-nothing call;
     * the reservation changes only after diagnosis confirmed it. If the answer is lost after diagnosis moved the
     * seat, its {@code AppointmentMoved} event brings the reservation along ({@link #appointmentMoved}).
     */
    public Uni<Reservation> change(UUID id, UUID scheduleId, Consumer<Reservation> contactChanges) {
        return changeable(id).flatMap(current -> moveSeat(current, scheduleId)
                .flatMap(seat -> applyChange(id, current.scheduleId, seat, contactChanges)));
    }

    @WithSession
    Uni<Reservation> changeable(UUID id) {
        return existing(id).invoke(current -> {
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
    public Uni<Reservation> cancel(UUID id) {
        return reservations.lockedById(id)
                .onItem().ifNull().failWith(() -> ClinicException.reservationNotFound(id))
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

    @WithSession
    public Uni<Reservation> get(UUID id) {
        return existing(id);
    }

    @WithSession
    public Uni<List<Reservation>> byPhone(String phone) {
        return reservations.byPhone(phone);
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

    private Uni<Reservation> existing(UUID id) {
        return reservations.byId(id).onItem().ifNull().failWith(() -> ClinicException.reservationNotFound(id));
    }

    private Uni<Reservation> end(Reservation r, ReservationStatus status, CancelReason reason) {
        r.status = status;
        r.cancelReason = reason;
        r.updatedAt = Instant.now();
        return events.cancelled(r).replaceWith(r);
    }

    /** The placement as its NOT_CONFIRMED cancellation reports it: no seat known yet, so no vet or date. */
    private static Reservation notConfirmed(UUID id, UUID scheduleId, Details details) {
        Reservation attempt = new Reservation();
        attempt.id = id;
        attempt.status = ReservationStatus.CANCELLED;
        attempt.cancelReason = CancelReason.NOT_CONFIRMED;
        attempt.scheduleId = scheduleId;
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
        r.phone = details.phone();
        r.email = details.email();
        r.petName = details.petName();
        r.species = details.species();
        r.reason = details.reason();
    }

    /** The guarded call may complete on a timer thread: continue on the request's Vert.x context. */
    private static <T> Uni<T> onThisContext(Uni<T> call) {
        Context context = Vertx.currentContext();
        return context == null ? call : call.emitOn(runnable -> context.runOnContext(ignored -> runnable.run()));
    }
}
