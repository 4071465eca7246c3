package io.animalhospital.billing.messaging;

import java.util.List;
import java.util.UUID;

import io.animalhospital.billing.domain.BillableItem;

/** What billing reads of diagnosis-service's {@code Treated}: the billable items of the medical record. */
record Treated(UUID eventId, UUID reservationId, MedicalRecord medicalRecord) {

    record MedicalRecord(List<Item> items) {
    }

    record Item(String code, Integer quantity) {
    }

    /** The items as the domain bills them; a record without items bills the consultation alone. */
    List<BillableItem> billableItems() {
        if (medicalRecord == null || medicalRecord.items() == null) {
            return List.of();
        }
        return medicalRecord.items().stream()
                .map(item -> item == null ? null : new BillableItem(item.code(), item.quantity()))
                .toList();
    }
}
