package io.animalhospital.billing.domain;

import io.smallrye.mutiny.Uni;

/** What billing tells the rest of the clinic, recorded in the caller's transaction and published after it. */
public interface BillEvents {

    Uni<Void> issued(Bill bill);

    Uni<Void> paid(Bill bill);
}
