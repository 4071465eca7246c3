package io.animalhospital.notice.messaging;

/** The event types of {@code billing-events}: each gets a notification. */
enum BillingEventType {
    BillIssued,
    BillPaid
}
