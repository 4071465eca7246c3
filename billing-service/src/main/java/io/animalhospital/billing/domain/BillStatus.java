package io.animalhospital.billing.domain;

/** A bill is issued after treatment and paid once. */
public enum BillStatus {
    ISSUED,
    PAID
}
