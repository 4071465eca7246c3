package io.animalhospital.diagnosis.repository;

import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;

import io.animalhospital.diagnosis.domain.Schedule;
import io.animalhospital.diagnosis.domain.Schedules;
import io.animalhospital.platform.paging.PageRequest;
import io.animalhospital.platform.paging.Paged;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Page;
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
    public Uni<Paged<Schedule>> search(Search search, PageRequest page) {
        StringBuilder query = new StringBuilder("withdrawn = false");
        Parameters parameters = new Parameters();
        if (search.date() != null) {
            query.append(" and date = :date");
            parameters.and("date", search.date());
        }
        if (search.vet() != null && !search.vet().isBlank()) {
            query.append(" and vet = :vet");
            parameters.and("vet", search.vet());
        }
        if (search.from() != null) {
            query.append(" and date >= :from");
            parameters.and("from", search.from());
        }
        if (search.to() != null) {
            query.append(" and date <= :to");
            parameters.and("to", search.to());
        }
        if (search.availableOnly()) {
            query.append(" and booked < capacity");
        }
        // A count and one page: never the whole table. The query is built twice, once for each.
        return count(query.toString(), parameters)
                .chain(total -> find(query.toString(), Sort.by("date").and("vet").and("id"), parameters)
                        .page(Page.of(page.page(), page.size())).list()
                        .map(items -> Paged.of(items, total)));
    }
}
