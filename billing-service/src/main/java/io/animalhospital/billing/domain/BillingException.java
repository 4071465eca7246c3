package io.animalhospital.billing.domain;

import java.util.UUID;

/** A request the billing rules refuse; the REST layer turns it into a problem with this status. */
public class BillingException extends RuntimeException {

    private final int status;
    private final String title;

    private BillingException(int status, String title, String detail) {
        super(detail);
        this.status = status;
        this.title = title;
    }

    public int status() {
        return status;
    }

    public String title() {
        return title;
    }

    public static BillingException billNotFound(String id) {
        return new BillingException(404, "Bill not found", "No bill " + id);
    }

    public static BillingException alreadyPaid(UUID billId) {
        return new BillingException(409, "Bill already paid",
                "Bill " + billId + " was already paid under another Idempotency-Key");
    }

    public static BillingException wrongAmount(UUID billId, long total, long amount, String currency) {
        return new BillingException(422, "Wrong amount",
                "Bill " + billId + " totals " + total + " " + currency + "; the payment was " + amount);
    }

    public static BillingException keyReused(UUID billId) {
        return new BillingException(422, "Idempotency-Key reused",
                "This Idempotency-Key already paid bill " + billId + " with a different amount or method");
    }
}
