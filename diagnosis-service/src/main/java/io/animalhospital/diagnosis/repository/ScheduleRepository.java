package io.animalhospital.diagnosis.repository;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;

import io.animalhospital.diagnosis.domain.Schedule;
import io.animalhospital.diagnosis.domain.Schedules;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Parameters;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;

@ApplicationScoped
public class ScheduleRepository implements PanacheRepositoryBase<Schedule, UUID>, Schedules {

    @Override
    public Uni<Schedule> byId(UUID id) {
        return findById(id);
    }

    @Override
    public Uni<Schedule> lockedById(UUID id) {
        return find("id", id).withLock(LockModeType.PESSIMISTIC_WRITE).firstResult();
    }

    @Override
    public Uni<Schedule> add(Schedule schedule) {
        return persist(schedule);
    }

    /** One conditional UPDATE, guarded by the table's CHECK (booked <= capacity): it never overbooks. */
    @Override
    public Uni<Boolean> takeSeat(UUID scheduleId) {
        return update("booked = booked + 1, updatedAt = :now where id = :id and booked < capacity and withdrawn = false",
                Parameters.with("id", scheduleId).and("now", Instant.now()))
                .map(updated -> updated == 1);
    }

    @Override
    public Uni<Void> releaseSeat(UUID scheduleId) {
        return update("booked = booked - 1, updatedAt = :now where id = :id and booked > 0",
                Parameters.with("id", scheduleId).and("now", Instant.now()))
                .replaceWithVoid();
    }

    @Override
    public Uni<List<Schedule>> search(LocalDate date, String vet) {
        StringBuilder query = new StringBuilder("withdrawn = false");
        Parameters parameters = new Parameters();
        if (date != null) {
            query.append(" and date = :date");
            parameters.and("date", date);
        }
        if (vet != null && !vet.isBlank()) {
            query.append(" and vet = :vet");
            parameters.and("vet", vet);
        }
        return find(query.toString(), Sort.by("date").and("vet").and("id"), parameters).list();
    }
}
