package io.animalhospital.notice.messaging;

import java.time.Instant;
import java.util.Set;
import java.util.UUID;

/** What this service reads of billing-service's events on {@code billing-events} (SPEC §4). */
public final class BillingEvents {

    public static final String TOPIC = "billing-events";

    public static final Set<String> TYPES = Set.of("BillIssued", "BillPaid");

    private BillingEvents() {
    }

    /** BillIssued or BillPaid; {@code method} and {@code paidAt} only on BillPaid. Lines are not needed here. */
    public record BillEvent(UUID eventId, String type, Instant occurredAt, UUID reservationId, UUID billId,
            String status, long total, String currency, String method, Instant paidAt) {
    }
}
