package io.animalhospital.billing.domain;

import java.util.UUID;

/** A request the billing rules refuse, with the reason; the REST layer decides what a reason means in HTTP. */
public class ClinicException extends RuntimeException {

    public enum Reason {
        BILL_NOT_FOUND,
        /** A customer asked for the bills of a reservation that is not theirs, or not known (yet). */
        RESERVATION_NOT_FOUND,
        ALREADY_PAID,
        WRONG_AMOUNT,
        IDEMPOTENCY_KEY_REUSED
    }

    private final Reason reason;

    private ClinicException(Reason reason, String detail) {
        super(detail);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }

    public static ClinicException billNotFound(String id) {
        return new ClinicException(Reason.BILL_NOT_FOUND, "No bill " + id);
    }

    public static ClinicException reservationNotFound(UUID reservationId) {
        return new ClinicException(Reason.RESERVATION_NOT_FOUND, "No reservation " + reservationId + " of yours");
    }

    public static ClinicException alreadyPaid(UUID billId) {
        return new ClinicException(Reason.ALREADY_PAID,
                "Bill " + billId + " was already paid under another Idempotency-Key");
    }

    public static ClinicException wrongAmount(UUID billId, long total, long amount, String currency) {
        return new ClinicException(Reason.WRONG_AMOUNT,
                "Bill " + billId + " totals " + total + " " + currency + "; the payment was " + amount);
    }

    public static ClinicException keyReused(UUID billId) {
        return new ClinicException(Reason.IDEMPOTENCY_KEY_REUSED,
                "This Idempotency-Key already paid bill " + billId + " with a different amount or method");
    }
}
