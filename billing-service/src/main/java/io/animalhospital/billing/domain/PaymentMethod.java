package io.animalhospital.billing.domain;

/** How the owner paid at the front desk. */
public enum PaymentMethod {
    CARD,
    CASH,
    TRANSFER
}
