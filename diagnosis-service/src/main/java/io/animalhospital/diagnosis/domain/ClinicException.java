package io.animalhospital.diagnosis.domain;

import java.time.LocalDate;

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
        CAPACITY_BELOW_BOOKINGS,
        /** The schedule's day is over in the clinic's time zone: it can be neither booked nor moved onto. */
        DAY_PASSED,
        /** A new schedule for a day that is already over in the clinic's time zone (bad input, not a conflict). */
        DATE_IN_PAST
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

    /** Worded for the customer, to whom reservation-service passes it on. */
    public static ClinicException dayPassed(Schedule schedule, LocalDate today) {
        return new ClinicException(Reason.DAY_PASSED, "The clinic day " + schedule.date + " has passed; please choose "
                + "a day from " + today + " on");
    }

    public static ClinicException dateInPast(LocalDate date, LocalDate today) {
        return new ClinicException(Reason.DATE_IN_PAST, "The date " + date + " has passed at the clinic; the first "
                + "day a schedule can be opened for is " + today);
    }

    /** No seat could be taken on the schedule: it is full, or withdrawn. */
    public static ClinicException noSeat(Schedule schedule) {
        return schedule.withdrawn
                ? new ClinicException(Reason.SCHEDULE_WITHDRAWN, "Schedule " + schedule.id + " was withdrawn")
                : new ClinicException(Reason.SCHEDULE_FULL, "Schedule " + schedule.id + " has no seat left");
    }
}
