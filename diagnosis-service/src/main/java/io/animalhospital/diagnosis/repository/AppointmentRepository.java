package io.animalhospital.diagnosis.repository;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;

import org.hibernate.reactive.mutiny.Mutiny;

import io.animalhospital.diagnosis.domain.Appointment;
import io.animalhospital.diagnosis.domain.AppointmentStatus;
import io.animalhospital.diagnosis.domain.Appointments;
import io.animalhospital.diagnosis.domain.CancelledReservation;
import io.animalhospital.diagnosis.domain.Schedule;
import io.animalhospital.platform.lock.TransactionLocks;
import io.animalhospital.platform.paging.PageRequest;
import io.animalhospital.platform.paging.Paged;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
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

    /** A join on the schedule for its vet and day: a count and one page, never the whole table. */
    @Override
    public Uni<Paged<Listed>> search(Search search, PageRequest page) {
        StringBuilder where = new StringBuilder(" from Appointment a join Schedule s on s.id = a.scheduleId where true");
        Map<String, Object> parameters = new HashMap<>();
        if (search.date() != null) {
            where.append(" and s.date = :date");
            parameters.put("date", search.date());
        }
        if (search.status() != null) {
            where.append(" and a.status = :status");
            parameters.put("status", search.status());
        }
        if (search.scheduleId() != null) {
            where.append(" and a.scheduleId = :scheduleId");
            parameters.put("scheduleId", search.scheduleId());
        }
        if (search.vet() != null && !search.vet().isBlank()) {
            where.append(" and s.vet = :vet");
            parameters.put("vet", search.vet());
        }
        String count = "select count(a)" + where;
        String select = "select a, s" + where + " order by s.date, s.vet, a.createdAt, a.reservationId";
        return Panache.getSession().chain(session -> {
            Mutiny.SelectionQuery<Long> total = session.createSelectionQuery(count, Long.class);
            Mutiny.SelectionQuery<Object[]> rows = session.createSelectionQuery(select, Object[].class);
            parameters.forEach((name, value) -> {
                total.setParameter(name, value);
                rows.setParameter(name, value);
            });
            return total.getSingleResult().chain(n -> rows.setFirstResult(page.offset())
                    .setMaxResults(page.size()).getResultList()
                    .map(list -> Paged.of(list.stream()
                            .map(row -> new Listed((Appointment) row[0], (Schedule) row[1])).toList(), n)));
        });
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
