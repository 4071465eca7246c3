package io.animalhospital.reservation.domain;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.function.Consumer;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;

import org.jboss.logging.Logger;

import io.animalhospital.reservation.client.DiagnosisClient.AppointmentAnswer;
import io.animalhospital.reservation.client.DiagnosisClient.BookAppointment;
import io.animalhospital.reservation.client.DiagnosisClient.MoveAppointment;
import io.animalhospital.reservation.client.DiagnosisGateway;
import io.animalhospital.reservation.client.DiagnosisUnavailableException;
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

    public ReservationService(ReservationRepository reservations, DiagnosisGateway diagnosis, Outbox outbox) {
        this.reservations = reservations;
        this.diagnosis = diagnosis;
        this.outbox = outbox;
    }

    /** The customer's details of a reservation; {@code email} and {@code reason} may be null. */
    public record Details(String ownerName, String phone, String email, String petName, String species,
            String reason) {
    }

    public Uni<Reservation> place(UUID scheduleId, Details details) {
        UUID id = UUID.randomUUID();
        return onThisContext(diagnosis.book(new BookAppointment(id, scheduleId, details.petName(), details.reason())))
                .onFailure(DiagnosisUnavailableException.class).call(() -> notConfirmed(id, scheduleId, details))
                .flatMap(answer -> record(id, scheduleId, answer, details)
                        // Diagnosis holds a seat for a reservation that was rolled back: release it like a lost
                        // answer's, then the caller gets the original failure (5xx).
                        .onFailure().call(() -> notConfirmed(id, scheduleId, details)));
    }

    /** Writes the confirmed reservation and its event in one local transaction. */
    private Uni<Reservation> record(UUID id, UUID scheduleId, AppointmentAnswer answer, Details details) {
        return Panache.withTransaction(() -> {
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
        });
    }

    /**
     * Changes contact details and/or moves to another schedule. A move is the synchronous all-or-nothing call;
     * the reservation changes only after diagnosis confirmed it.
     */
    public Uni<Reservation> change(UUID id, UUID scheduleId, Consumer<Reservation> contactChanges) {
        return Panache.withSession(() -> reservations.findById(id))
                .onItem().ifNull().failWith(() -> ClinicException.notFound("Reservation", id))
                .flatMap(current -> {
                    if (!current.status.isActive()) {
                        return Uni.createFrom().failure(ClinicException.conflict("Reservation not changeable",
                                "Reservation " + id + " is " + current.status));
                    }
                    Uni<AppointmentAnswer> moved = scheduleId == null || scheduleId.equals(current.scheduleId)
                            ? Uni.createFrom().nullItem()
                            : onThisContext(diagnosis.move(id, new MoveAppointment(scheduleId)));
                    // Row-locked re-read: a clinic event applied meanwhile is seen, not overwritten or
                    // reported as a conflict after diagnosis already moved the seat.
                    return moved.flatMap(answer -> Panache.withTransaction(() -> reservations
                            .findById(id, LockModeType.PESSIMISTIC_WRITE)
                            .flatMap(r -> {
                                if (answer != null) {
                                    r.scheduleId = answer.scheduleId();
                                    r.vet = answer.vet();
                                    r.date = answer.date();
                                    r.status = ReservationStatus.ofAppointment(answer.status());
                                }
                                contactChanges.accept(r);
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

    public Uni<Void> appointmentApproved(UUID id) {
        return existing(id, r -> {
            if (r.status != ReservationStatus.AWAITING_APPROVAL) {
                return Uni.createFrom().voidItem();
            }
            r.status = ReservationStatus.RESERVED;
            r.updatedAt = Instant.now();
            return publish(new ReservationApproved(UUID.randomUUID(), r.updatedAt, id, r.status.name(), Snapshot.of(r)));
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

    private Uni<Void> existing(UUID id, java.util.function.Function<Reservation, Uni<Void>> change) {
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

    /**
     * The placement did not complete although diagnosis may hold its seat: the booking's outcome is unknown
     * (timeout, failure, open circuit), or the reservation's own transaction failed after the booking. A
     * NOT_CONFIRMED cancellation makes diagnosis release the seat, or refuse the late booking. Written in a
     * transaction of its own, never in the failed one; its own failure is logged and the caller's answer stays
     * the original failure.
     */
    private Uni<Void> notConfirmed(UUID id, UUID scheduleId, Details details) {
        Instant now = Instant.now();
        Snapshot attempted = new Snapshot(id, ReservationStatus.CANCELLED.name(), scheduleId, null, null,
                details.ownerName(), details.phone(), details.email(), details.petName(), details.species(),
                details.reason(), now, now);
        return Panache.withTransaction(() -> reservations.count("id", id).flatMap(written -> written > 0
                // Committed after all, only the acknowledgement of the commit failed: the seat is rightly taken.
                ? Uni.createFrom().voidItem()
                : publish(new ReservationCancelled(UUID.randomUUID(), now, id, ReservationStatus.CANCELLED.name(),
                        "NOT_CONFIRMED", attempted))))
                .onFailure().invoke(e -> LOG.errorf(e, "Could not record NOT_CONFIRMED for %s", id))
                .onFailure().recoverWithNull().replaceWithVoid();
    }

    private Uni<Void> publish(DomainEvent event) {
        return outbox.append(ReservationEvents.TOPIC, event);
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
