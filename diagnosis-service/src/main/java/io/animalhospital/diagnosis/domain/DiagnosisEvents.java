package io.animalhospital.diagnosis.domain;

import java.util.UUID;

import io.smallrye.mutiny.Uni;

/**
 * The clinic's decisions that other services learn of, reported in the caller's transaction (published after its
 * commit, never for a rolled-back change).
 */
public interface DiagnosisEvents {

    Uni<Void> approved(Appointment appointment);

    /** The clinic cancelled the appointment ({@code cancelReason} DECLINED or SCHEDULE_WITHDRAWN). */
    Uni<Void> declined(Appointment appointment, String note);

    /** The seat moved from {@code previousScheduleId} to {@code to}, where the appointment now is. */
    Uni<Void> moved(Appointment appointment, UUID previousScheduleId, Schedule to);

    Uni<Void> treated(Appointment appointment);
}
