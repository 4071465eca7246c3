package io.animalhospital.notice.domain;

/** A request the clinic refuses, with the reason; the REST layer decides what a reason means in HTTP. */
public class ClinicException extends RuntimeException {

    public enum Reason {
        /** A reservation id that is not a UUID. */
        INVALID_RESERVATION_ID,
        /** A customer asked about a reservation that is not theirs, or whose contact has not arrived yet. */
        RESERVATION_NOT_FOUND,
        /** A customer asked for what was sent to an address other than their own phone. */
        NOT_YOUR_RECIPIENT
    }

    private final Reason reason;

    public ClinicException(Reason reason, String detail) {
        super(detail);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
