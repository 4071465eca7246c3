package io.animalhospital.lookup.domain;

/** A business answer that the client must see as a precise 4xx (or 503), never as a server fault. */
public class ClinicException extends RuntimeException {

    public enum Reason {
        /** No event about the reservation arrived yet, or it is another customer's (the same answer: nothing leaks). */
        RESERVATION_NOT_FOUND,
        INVALID_RESERVATION_ID,
        PHONE_REQUIRED,
        /** A customer asked for the reservations of a phone number that is not their account's. */
        NOT_YOUR_PHONE,
        /** An operator switched the rebuild off. */
        REBUILD_DISABLED,
        REBUILD_ALREADY_STARTING,
        /** This replica's consumers do not hold every partition, so it cannot replay them all. */
        REBUILD_NEEDS_EVERY_PARTITION,
        CONSUMERS_NOT_RUNNING
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
