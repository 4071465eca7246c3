package io.animalhospital.billing.domain;

import java.util.List;
import java.util.UUID;

import io.smallrye.mutiny.Uni;

/** The bills the clinic has issued. */
public interface Bills {

    /** The bill with its lines, or {@code null}. */
    Uni<Bill> withLines(UUID billId);

    /** The reservation's bills with their lines: none or one. */
    Uni<List<Bill>> ofReservation(UUID reservationId);

    /** The reservation's bill without its lines, or {@code null}: enough to know it was billed. */
    Uni<Bill> billedFor(UUID reservationId);

    /** The bill, locked for the rest of the transaction (payments of one bill queue up), or {@code null}. */
    Uni<Bill> lockedForPayment(UUID billId);

    Uni<Void> add(Bill bill);
}
