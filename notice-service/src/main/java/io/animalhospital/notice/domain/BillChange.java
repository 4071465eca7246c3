package io.animalhospital.notice.domain;

import java.util.UUID;

/**
 * A bill was issued or paid: what its notification needs; {@code method} only once paid. Kept as JSON with a
 * notification that waits for its contact, so its fields are read back from rows written before a change.
 */
public record BillChange(UUID eventId, String type, UUID reservationId, String status, long total, String currency,
        String method) {
}
