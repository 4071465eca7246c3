package io.animalhospital.diagnosis.repository;

import java.util.List;
import java.util.Objects;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;

import io.animalhospital.diagnosis.domain.Appointment;
import io.animalhospital.diagnosis.domain.AppointmentStatus;
import io.animalhospital.diagnosis.domain.Appointments;
import io.animalhospital.diagnosis.domain.CancelledReservation;
import io.animalhospital.platform.lock.TransactionLocks;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;

@ApplicationScoped
public class AppointmentRepository implements PanacheRepositoryBase<Appointment, UUID>, Appointments {

    @Override
    public Uni<Appointment> byId(UUID reservationId) {
        return findById(reservationId);
    }

    @Override
    public Uni<Appointment> lockedById(UUID reservationId) {
        return find("reservationId", reservationId).withLock(LockModeType.PESSIMISTIC_WRITE).firstResult();
    }

    @Override
    public Uni<Void> add(Appointment appointment) {
        return persistAndFlush(appointment).replaceWithVoid();
    }

    @Override
    public Uni<List<Appointment>> onSchedule(UUID scheduleId) {
        return list("scheduleId", Sort.by("createdAt"), scheduleId);
    }

    @Override
    public Uni<List<Appointment>> activeOnSchedule(UUID scheduleId) {
        return list("scheduleId = ?1 and status in ?2", scheduleId,
                List.of(AppointmentStatus.AWAITING_APPROVAL, AppointmentStatus.BOOKED));
    }

    @Override
    public Uni<Void> lockReservation(UUID reservationId) {
        return TransactionLocks.lock("reservation", reservationId);
    }

    @Override
    public Uni<Void> rememberCancelled(UUID reservationId) {
        return Panache.getSession().flatMap(session -> session
                .createNativeQuery("INSERT INTO cancelled_reservation (reservation_id) VALUES (:id) ON CONFLICT DO NOTHING")
                .setParameter("id", reservationId).executeUpdate())
                .replaceWithVoid();
    }

    /** A primary-key find, not a native select: see docs/decisions/0013-diagnosis-query-plans.md. */
    @Override
    public Uni<Boolean> wasCancelled(UUID reservationId) {
        return Panache.getSession().flatMap(session -> session.find(CancelledReservation.class, reservationId))
                .map(Objects::nonNull);
    }
}
