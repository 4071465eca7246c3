package io.animalhospital.diagnosis.domain;

import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import io.smallrye.mutiny.Uni;

/** Vets' clinic days. {@code booked} changes only through {@link #takeSeat} and {@link #releaseSeat}. */
public interface Schedules {

    Uni<Schedule> byId(UUID id);

    /** Row-locked read: seat-taking on the schedule waits, so {@code booked} is exact until the commit. */
    Uni<Schedule> lockedById(UUID id);

    Uni<Schedule> add(Schedule schedule);

    /** Open (not withdrawn) schedules, optionally of one date and/or vet. */
    Uni<List<Schedule>> search(LocalDate date, String vet);

    /** Takes one seat if the schedule has one and is not withdrawn; never overbooks, whatever the concurrency. */
    Uni<Boolean> takeSeat(UUID scheduleId);

    Uni<Void> releaseSeat(UUID scheduleId);
}
