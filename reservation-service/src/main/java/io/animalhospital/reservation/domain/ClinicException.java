package io.animalhospital.reservation.domain;

/** A business answer the customer must see as a precise client error, never as a server fault; rest maps the reason. */
public class ClinicException extends RuntimeException {

    public enum Reason {
        RESERVATION_NOT_FOUND,
        SCHEDULE_NOT_FOUND,
        /** diagnosis-service has no appointment for the reservation. */
        APPOINTMENT_NOT_FOUND,
        SCHEDULE_FULL,
        SCHEDULE_WITHDRAWN,
        /** diagnosis-service refused the seat for another reason (its detail says which). */
        SEAT_REFUSED,
        /** The schedule's day has passed: it can be neither booked nor moved onto. */
        DAY_PASSED,
        NOT_CHANGEABLE,
        ALREADY_TREATED,
        /** An Idempotency-Key the customer already used for a different placement. */
        IDEMPOTENCY_KEY_REUSED,
        /** The first placement under this Idempotency-Key has not finished yet: retry shortly. */
        PLACEMENT_IN_PROGRESS,
        /** A customer asked for the reservations of a phone that is not theirs. */
        NOT_YOUR_PHONE
    }

    private final Reason reason;

    public ClinicException(Reason reason, String detail) {
        super(detail);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }

    public static ClinicException reservationNotFound(Object id) {
        return new ClinicException(Reason.RESERVATION_NOT_FOUND, "No reservation with id " + id);
    }
}
