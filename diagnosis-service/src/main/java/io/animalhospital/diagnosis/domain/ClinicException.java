package io.animalhospital.diagnosis.domain;

/** A business answer the caller must see as a precise client error, never as a server fault; rest maps the reason. */
public class ClinicException extends RuntimeException {

    public enum Reason {
        SCHEDULE_NOT_FOUND,
        APPOINTMENT_NOT_FOUND,
        SCHEDULE_FULL,
        SCHEDULE_WITHDRAWN,
        /** The reservation was cancelled before its booking arrived (a lost booking answer). */
        RESERVATION_CANCELLED,
        NOT_AWAITING_APPROVAL,
        NOT_DECLINABLE,
        NOT_TREATABLE,
        APPOINTMENT_NOT_ACTIVE,
        CAPACITY_BELOW_BOOKINGS
    }

    private final Reason reason;

    public ClinicException(Reason reason, String detail) {
        super(detail);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }

    public static ClinicException scheduleNotFound(Object id) {
        return new ClinicException(Reason.SCHEDULE_NOT_FOUND, "No schedule with id " + id);
    }

    public static ClinicException appointmentNotFound(Object id) {
        return new ClinicException(Reason.APPOINTMENT_NOT_FOUND, "No appointment with id " + id);
    }

    /** No seat could be taken on the schedule: it is full, or withdrawn. */
    public static ClinicException noSeat(Schedule schedule) {
        return schedule.withdrawn
                ? new ClinicException(Reason.SCHEDULE_WITHDRAWN, "Schedule " + schedule.id + " was withdrawn")
                : new ClinicException(Reason.SCHEDULE_FULL, "Schedule " + schedule.id + " has no seat left");
    }
}
