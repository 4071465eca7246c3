package io.animalhospital.billing.domain;

import java.util.UUID;

import io.smallrye.mutiny.Uni;

/** The payments taken at the desk, one per bill. */
public interface Payments {

    /** The bill's payment, or {@code null}. */
    Uni<Payment> ofBill(UUID billId);

    Uni<Void> add(Payment payment);
}
