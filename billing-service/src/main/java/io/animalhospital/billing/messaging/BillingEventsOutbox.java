package io.animalhospital.billing.messaging;

import jakarta.enterprise.context.ApplicationScoped;

import io.animalhospital.billing.domain.Bill;
import io.animalhospital.billing.domain.BillEvents;
import io.animalhospital.billing.messaging.BillingEvents.BillIssued;
import io.animalhospital.billing.messaging.BillingEvents.BillPaid;
import io.animalhospital.platform.outbox.Outbox;
import io.smallrye.mutiny.Uni;

/** Billing's facts as events on {@code billing-events}, appended to the outbox in the caller's transaction. */
@ApplicationScoped
public class BillingEventsOutbox implements BillEvents {

    private final Outbox outbox;

    public BillingEventsOutbox(Outbox outbox) {
        this.outbox = outbox;
    }

    @Override
    public Uni<Void> issued(Bill bill) {
        return outbox.append(BillingEvents.TOPIC, BillIssued.of(bill));
    }

    @Override
    public Uni<Void> paid(Bill bill) {
        return outbox.append(BillingEvents.TOPIC, BillPaid.of(bill));
    }
}
