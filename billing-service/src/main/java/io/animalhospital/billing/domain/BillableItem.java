package io.animalhospital.billing.domain;

/** A billable item as the vet recorded it with the treatment; a missing quantity is billed once. */
public record BillableItem(String code, Integer quantity) {
}
