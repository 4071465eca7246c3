package io.animalhospital.billing.rest;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.PositiveOrZero;

import io.animalhospital.billing.domain.PaymentMethod;

/** {@code amount} in whole won, which must equal the bill's total. */
public record PaymentRequest(@NotNull @PositiveOrZero Long amount, @NotNull PaymentMethod method) {
}
