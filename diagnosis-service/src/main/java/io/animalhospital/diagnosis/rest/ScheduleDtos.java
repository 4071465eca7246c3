package io.animalhospital.diagnosis.rest;

import java.time.LocalDate;
import java.util.UUID;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import io.animalhospital.diagnosis.domain.Schedule;
import io.animalhospital.diagnosis.domain.StaffAction;

/** The schedule resource's representations (SPEC §3). */
public final class ScheduleDtos {

    private ScheduleDtos() {
    }

    /** {@code date}: today or later in the clinic's time zone, which the service checks (not the server's zone). */
    public record NewSchedule(
            @NotBlank @Size(max = 100) String vet,
            @NotNull LocalDate date,
            @NotNull @Min(1) @Max(1000) Integer capacity,
            Boolean approvalRequired) {
    }

    public record ScheduleChange(
            @Min(1) @Max(1000) Integer capacity,
            Boolean approvalRequired) {
    }

    /** {@code createdBy}, {@code updatedBy} (the last change by staff), {@code withdrawnBy}: who and when, or null. */
    public record ScheduleView(UUID id, String vet, LocalDate date, int capacity, int booked, int available,
            boolean approvalRequired, boolean withdrawn, StaffAction createdBy, StaffAction updatedBy,
            StaffAction withdrawnBy) {

        public static ScheduleView of(Schedule s) {
            return new ScheduleView(s.id, s.vet, s.date, s.capacity, s.booked, s.available(), s.approvalRequired,
                    s.withdrawn, s.createdBy, s.updatedBy, s.withdrawnBy);
        }
    }
}
