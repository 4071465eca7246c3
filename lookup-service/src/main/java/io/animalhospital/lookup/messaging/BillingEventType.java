package io.animalhospital.lookup.messaging;

import io.animalhospital.lookup.domain.BillStatus;

/** The events of billing-events (billing-service's schema), with the bill status each one shows. */
public enum BillingEventType {
    BillIssued(BillStatus.ISSUED),
    BillPaid(BillStatus.PAID);

    /** The status the event shows when it carries none. */
    final BillStatus status;

    BillingEventType(BillStatus status) {
        this.status = status;
    }
}
