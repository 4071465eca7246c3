package io.animalhospital.notice.messaging;

import java.util.UUID;

import io.animalhospital.notice.domain.BillChange;

/** What notice reads of {@code BillIssued} and {@code BillPaid} (billing-service's contract); method only once paid. */
record BillEvent(UUID eventId, UUID reservationId, String status, long total, String currency, String method) {

    BillChange change(BillingEventType type) {
        return new BillChange(eventId, type.name(), reservationId, status, total, currency, method);
    }
}
