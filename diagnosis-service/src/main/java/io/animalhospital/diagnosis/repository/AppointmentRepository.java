package io.animalhospital.diagnosis.repository;

import java.util.List;
import java.util.Objects;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.animalhospital.diagnosis.domain.Appointment;
import io.animalhospital.diagnosis.domain.AppointmentStatus;
import io.animalhospital.diagnosis.domain.CancelledReservation;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;

@ApplicationScoped
public class AppointmentRepository implements PanacheRepositoryBase<Appointment, UUID> {

    /** Row-locked read: concurrent changes of one appointment (staff, events) apply one after the other. */
    public Uni<Appointment> findForUpdate(UUID reservationId) {
        return find("reservationId", reservationId).withLock(jakarta.persistence.LockModeType.PESSIMISTIC_WRITE)
                .firstResult();
    }

    public Uni<List<Appointment>> bySchedule(UUID scheduleId) {
        return list("scheduleId", Sort.by("createdAt"), scheduleId);
    }

    public Uni<List<Appointment>> activeBySchedule(UUID scheduleId) {
        return list("scheduleId = ?1 and status in ?2", scheduleId,
                List.of(AppointmentStatus.AWAITING_APPROVAL, AppointmentStatus.BOOKED));
    }

    /** Remembers a reservation cancelled before its appointment existed; true if it was new. */
    public Uni<Boolean> rememberCancelled(UUID reservationId) {
        return Panache.getSession().flatMap(session -> session
                .createNativeQuery("INSERT INTO cancelled_reservation (reservation_id) VALUES (:id) ON CONFLICT DO NOTHING")
                .setParameter("id", reservationId).executeUpdate())
                .map(inserted -> inserted == 1);
    }

    /**
     * A primary-key find on purpose: a native select with a result class costs a growing scan of Hibernate's query
     * plan cache on every call (it was a fifth of the booking's CPU).
     */
    public Uni<Boolean> wasCancelled(UUID reservationId) {
        return Panache.getSession().flatMap(session -> session.find(CancelledReservation.class, reservationId))
                .map(Objects::nonNull);
    }
}
