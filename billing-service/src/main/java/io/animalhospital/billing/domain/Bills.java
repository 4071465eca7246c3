package io.animalhospital.billing.domain;

import java.util.UUID;

import io.animalhospital.platform.paging.PageRequest;
import io.animalhospital.platform.paging.Paged;
import io.smallrye.mutiny.Uni;

/** The bills the clinic has issued. */
public interface Bills {

    /** The bill with its lines, or {@code null}. */
    Uni<Bill> withLines(UUID billId);

    /** The reservation's bills with their lines: none or one. */
    /**
     * Which bills a list shows; every field optional: a status, a reservation, the owner's phone (a customer's list
     * always has theirs: only the bills of reservations billing knows to be theirs).
     */
    record Search(BillStatus status, UUID reservationId, String ownerPhone) {
    }

    /** One page of the bills matching the search, with their lines, ordered by issuedAt, id. */
    Uni<Paged<Bill>> search(Search search, PageRequest page);

    /** The reservation's bill without its lines, or {@code null}: enough to know it was billed. */
    Uni<Bill> billedFor(UUID reservationId);

    /** The bill, locked for the rest of the transaction (payments of one bill queue up), or {@code null}. */
    Uni<Bill> lockedForPayment(UUID billId);

    Uni<Void> add(Bill bill);
}
