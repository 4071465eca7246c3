package io.animalhospital.reservation.domain;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.function.Function;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;

import org.jboss.logging.Logger;

import io.animalhospital.reservation.client.DiagnosisClient.AppointmentAnswer;
import io.animalhospital.reservation.client.DiagnosisClient.BookAppointment;
import io.animalhospital.reservation.client.DiagnosisClient.MoveAppointment;
import io.animalhospital.reservation.client.DiagnosisGateway;
import io.animalhospital.reservation.client.DiagnosisUnavailableException;
import io.animalhospital.reservation.config.ReservationConfig;
import io.animalhospital.reservation.messaging.DomainEvent;
import io.animalhospital.reservation.messaging.Outbox;
import io.animalhospital.reservation.messaging.ReservationEvents;
import io.animalhospital.reservation.messaging.ReservationEvents.ReservationApproved;
import io.animalhospital.reservation.messaging.ReservationEvents.ReservationCancelled;
import io.animalhospital.reservation.messaging.ReservationEvents.ReservationChanged;
import io.animalhospital.reservation.messaging.ReservationEvents.ReservationPlaced;
import io.animalhospital.reservation.messaging.ReservationEvents.ReservationTreated;
import io.animalhospital.reservation.messaging.ReservationEvents.Snapshot;
import io.animalhospital.reservation.repository.ReservationRepository;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Context;
import io.vertx.core.Vertx;

/**
 * Places, changes and cancels reservations. The seat is taken or moved by the guarded synchronous call to
 * diagnosis first; only a confirmed seat is written here, together with its event, in one transaction.
 */
@ApplicationScoped
public class ReservationService {

    private static final Logger LOG = Logger.getLogger(ReservationService.class);

    private final ReservationRepository reservations;
    private final DiagnosisGateway diagnosis;
    private final Outbox outbox;
    private final ReservationConfig config;

    public ReservationService(ReservationRepository reservations, DiagnosisGateway diagnosis, Outbox outbox,
            ReservationConfig config) {
        this.reservations = reservations;
        this.diagnosis = diagnosis;
        this.outbox = outbox;
        this.config = config;
    }

    /** The customer's details of a reservation; {@code email} and {@code reason} may be null. */
    public record Details(String ownerName, String phone, String email, String petName, String species,
            String reason) {
    }

    /**
     * Places a reservation. Its NOT_CONFIRMED cancellation is written first, held back: diagnosis may take the seat
     * and the answer never be recorded here (a timeout, a crash, the database gone, the customer hanging up). The
     * reservation's transaction withdraws it; a failure releases it at once; otherwise it goes out when the hold
     * ends and diagnosis gives the seat back (SPEC §2: within 60 s).
     */
    public Uni<Reservation> place(UUID scheduleId, Details details) {
        UUID id = UUID.randomUUID();
        ReservationCancelled unconfirmed = notConfirmed(id, scheduleId, details);
        return Panache.withTransaction(() -> outbox.hold(ReservationEvents.TOPIC, unconfirmed, config.placementHold()))
                .flatMap(held -> onThisContext(diagnosis.book(
                        new BookAppointment(id, scheduleId, details.petName(), details.reason()))))
                // A business answer (no such schedule, full): no seat was taken, nothing to cancel.
                .onFailure(ClinicException.class).call(() -> settle(outbox::withdraw, unconfirmed))
                .onFailure(DiagnosisUnavailableException.class).call(() -> settle(outbox::release, unconfirmed))
                .flatMap(answer -> record(id, scheduleId, answer, details, unconfirmed.eventId())
                        .onFailure().call(() -> settle(outbox::release, unconfirmed)));
    }

    /** Writes the confirmed reservation and its event in one local transaction, withdrawing the held cancellation. */
    private Uni<Reservation> record(UUID id, UUID scheduleId, AppointmentAnswer answer, Details details, UUID held) {
        return Panache.withTransaction(() -> outbox.withdraw(held).flatMap(withdrawn -> {
            if (!withdrawn) {
                // The hold ended first and the cancellation is out: the seat is on its way back.
                return Uni.createFrom().failure(new DiagnosisUnavailableException(
                        "Placement " + id + " was not confirmed within " + config.placementHold()));
            }
            Reservation r = new Reservation();
            r.id = id;
            r.status = ReservationStatus.ofAppointment(answer.status());
            r.scheduleId = scheduleId;
            r.vet = answer.vet();
            r.date = answer.date();
            apply(r, details);
            r.createdAt = Instant.now();
            r.updatedAt = r.createdAt;
            return reservations.persist(r).call(() -> publish(new ReservationPlaced(UUID.randomUUID(),
                    r.updatedAt, r.id, r.status.name(), Snapshot.of(r))));
        }));
    }

    /**
     * Changes contact details and/or moves to another schedule. A move is the synchronous all-or-nothing call;
     * the reservation changes only after diagnosis confirmed it. If the answer is lost after diagnosis moved the
     * seat, its {@code AppointmentMoved} event brings the reservation along ({@link #appointmentMoved}).
     */
    public Uni<Reservation> change(UUID id, UUID scheduleId, Consumer<Reservation> contactChanges) {
        return Panache.withSession(() -> reservations.findById(id))
                .onItem().ifNull().failWith(() -> ClinicException.notFound("Reservation", id))
                .flatMap(current -> {
                    if (!current.status.isActive()) {
                        return Uni.createFrom().failure(ClinicException.conflict("Reservation not changeable",
                                "Reservation " + id + " is " + current.status));
                    }
                    UUID from = current.scheduleId;
                    Uni<AppointmentAnswer> moved = scheduleId == null || scheduleId.equals(from)
                            ? Uni.createFrom().nullItem()
                            : onThisContext(diagnosis.move(id, new MoveAppointment(scheduleId)));
                    // Row-locked re-read: a clinic event applied meanwhile is seen, not overwritten or
                    // reported as a conflict after diagnosis already moved the seat.
                    return moved.flatMap(answer -> Panache.withTransaction(() -> reservations
                            .findById(id, LockModeType.PESSIMISTIC_WRITE)
                            .flatMap(r -> {
                                Snapshot before = Snapshot.of(r);
                                // Unless the move's event got here first and already moved it, or the clinic
                                // ended the reservation meanwhile.
                                if (answer != null && r.status.isActive() && r.scheduleId.equals(from)) {
                                    moveTo(r, answer.scheduleId(), answer.vet(), answer.date(), answer.status());
                                }
                                contactChanges.accept(r);
                                if (Snapshot.of(r).equals(before)) {
                                    return Uni.createFrom().item(r);
                                }
                                r.updatedAt = Instant.now();
                                return publish(new ReservationChanged(UUID.randomUUID(), r.updatedAt, r.id,
                                        r.status.name(), Snapshot.of(r))).replaceWith(r);
                            })));
                });
    }

    /** The customer cancels; allowed until treated. Cancelling twice answers the cancelled reservation. */
    public Uni<Reservation> cancel(UUID id) {
        return Panache.withTransaction(() -> reservations.findById(id, LockModeType.PESSIMISTIC_WRITE)
                .onItem().ifNull().failWith(() -> ClinicException.notFound("Reservation", id))
                .flatMap(r -> {
                    if (r.status == ReservationStatus.TREATED) {
                        return Uni.createFrom().failure(ClinicException.conflict("Already treated",
                                "Reservation " + id + " was treated and cannot be cancelled"));
                    }
                    if (!r.status.isActive()) {
                        return Uni.createFrom().item(r);
                    }
                    return end(r, ReservationStatus.CANCELLED, "CUSTOMER");
                }));
    }

    public Uni<Reservation> get(UUID id) {
        return Panache.withSession(() -> reservations.findById(id))
                .onItem().ifNull().failWith(() -> ClinicException.notFound("Reservation", id));
    }

    public Uni<List<Reservation>> byPhone(String phone) {
        return Panache.withSession(() -> reservations.byPhone(phone));
    }

    // --- diagnosis-service's decisions, applied by the consumer inside its transaction

    /**
     * Staff approved the appointment on {@code scheduleId}. An approval given before a move, on the schedule the
     * reservation has left, arrives after the move's answer when the consumer lags: it no longer applies (the
     * moved appointment waits for its own approval).
     */
    public Uni<Void> appointmentApproved(UUID id, UUID scheduleId) {
        return existing(id, r -> {
            if (r.status != ReservationStatus.AWAITING_APPROVAL || !r.scheduleId.equals(scheduleId)) {
                return Uni.createFrom().voidItem();
            }
            r.status = ReservationStatus.RESERVED;
            r.updatedAt = Instant.now();
            return publish(new ReservationApproved(UUID.randomUUID(), r.updatedAt, id, r.status.name(), Snapshot.of(r)));
        });
    }

    /**
     * diagnosis moved the seat. Usually the move's answer has done this already; if the answer was lost, this
     * brings the reservation to its seat. Applied only to a reservation still where the move started, so that an
     * old move's late event never undoes a newer one; following each move from where it started, the
     * reservation ends where the appointment is.
     */
    public Uni<Void> appointmentMoved(UUID id, UUID from, UUID to, String vet, LocalDate date, String status) {
        return existing(id, r -> {
            if (!r.status.isActive() || !r.scheduleId.equals(from)) {
                return Uni.createFrom().voidItem();
            }
            moveTo(r, to, vet, date, status);
            r.updatedAt = Instant.now();
            return publish(new ReservationChanged(UUID.randomUUID(), r.updatedAt, id, r.status.name(), Snapshot.of(r)));
        });
    }

    public Uni<Void> appointmentDeclined(UUID id, String reason) {
        return existing(id, r -> r.status.isActive()
                ? end(r, ReservationStatus.CANCELLED_BY_CLINIC, reason).replaceWithVoid()
                : Uni.createFrom().voidItem());
    }

    /** The treatment happened: it stands even over a cancellation that crossed it on the way. */
    public Uni<Void> treated(UUID id) {
        return existing(id, r -> {
            if (r.status == ReservationStatus.TREATED) {
                return Uni.createFrom().voidItem();
            }
            r.status = ReservationStatus.TREATED;
            r.cancelReason = null;
            r.updatedAt = Instant.now();
            return publish(new ReservationTreated(UUID.randomUUID(), r.updatedAt, id, r.status.name(), Snapshot.of(r)));
        });
    }

    private Uni<Void> existing(UUID id, Function<Reservation, Uni<Void>> change) {
        return reservations.findById(id, LockModeType.PESSIMISTIC_WRITE).flatMap(r -> {
            if (r == null) {
                // An appointment whose reservation was never written: its NOT_CONFIRMED cancellation frees it.
                LOG.debugf("Event for unknown reservation %s ignored", id);
                return Uni.createFrom().voidItem();
            }
            return change.apply(r);
        });
    }

    private Uni<Reservation> end(Reservation r, ReservationStatus status, String reason) {
        r.status = status;
        r.cancelReason = reason;
        r.updatedAt = Instant.now();
        return publish(new ReservationCancelled(UUID.randomUUID(), r.updatedAt, r.id, status.name(), reason,
                Snapshot.of(r))).replaceWith(r);
    }

    /** The cancellation of a placement that may hold a seat in diagnosis but was never recorded here. */
    private static ReservationCancelled notConfirmed(UUID id, UUID scheduleId, Details details) {
        Instant now = Instant.now();
        Snapshot attempted = new Snapshot(id, ReservationStatus.CANCELLED.name(), scheduleId, null, null,
                details.ownerName(), details.phone(), details.email(), details.petName(), details.species(),
                details.reason(), now, now);
        return new ReservationCancelled(UUID.randomUUID(), now, id, ReservationStatus.CANCELLED.name(),
                "NOT_CONFIRMED", attempted);
    }

    /**
     * Withdraws or releases the held cancellation in a transaction of its own, never in a failed one. If that
     * fails too (the database is gone) the hold's end does the same later; the caller's answer stays the original.
     */
    private Uni<Void> settle(Function<UUID, Uni<Boolean>> action, ReservationCancelled unconfirmed) {
        return Panache.withTransaction(() -> action.apply(unconfirmed.eventId()))
                .onFailure().invoke(e -> LOG.warnf("NOT_CONFIRMED of %s stays held until its hold ends: %s",
                        unconfirmed.reservationId(), e.getMessage()))
                .onFailure().recoverWithNull().replaceWithVoid();
    }

    private Uni<Void> publish(DomainEvent event) {
        return outbox.append(ReservationEvents.TOPIC, event);
    }

    private static void moveTo(Reservation r, UUID scheduleId, String vet, LocalDate date, String appointmentStatus) {
        r.scheduleId = scheduleId;
        r.vet = vet;
        r.date = date;
        r.status = ReservationStatus.ofAppointment(appointmentStatus);
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
