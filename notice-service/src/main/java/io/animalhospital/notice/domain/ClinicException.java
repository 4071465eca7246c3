package io.animalhospital.notice.domain;

/** A request the clinic refuses, with the reason; the REST layer decides what a reason means in HTTP. */
public class ClinicException extends RuntimeException {

    public enum Reason {
        /** A search for notifications names neither a reservation nor a recipient: it would list everything. */
        UNBOUNDED_SEARCH,
        /** A reservation id that is not a UUID. */
        INVALID_RESERVATION_ID
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
