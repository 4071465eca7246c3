package io.animalhospital.diagnosis.domain;

import java.time.LocalDate;
import java.util.UUID;

import io.animalhospital.platform.paging.PageRequest;
import io.animalhospital.platform.paging.Paged;
import io.smallrye.mutiny.Uni;

/** Vets' clinic days. {@code booked} changes only through {@link #takeSeat} and {@link #releaseSeat}. */
public interface Schedules {

    Uni<Schedule> byId(UUID id);

    /** Row-locked read: seat-taking on the schedule waits, so {@code booked} is exact until the commit. */
    Uni<Schedule> lockedById(UUID id);

    Uni<Schedule> add(Schedule schedule);

    /**
     * Which open schedules a list shows; every field optional: one {@code date}, a {@code vet}, days {@code from}
     * .. {@code to} (inclusive), only those with a seat left.
     */
    record Search(LocalDate date, String vet, LocalDate from, LocalDate to, boolean availableOnly) {
    }

    /** Open (not withdrawn) schedules matching the search, one page, ordered by date, vet, id. */
    Uni<Paged<Schedule>> search(Search search, PageRequest page);

    /** Takes one seat if the schedule has one and is not withdrawn; never overbooks, whatever the concurrency. */
    Uni<Boolean> takeSeat(UUID scheduleId);

    Uni<Void> releaseSeat(UUID scheduleId);
}
