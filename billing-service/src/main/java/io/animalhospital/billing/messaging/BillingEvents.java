package io.animalhospital.billing.messaging;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import io.animalhospital.billing.domain.Bill;
import io.animalhospital.platform.outbox.DomainEvent;

/**
 * The events billing-service publishes on {@code billing-events} (SPEC §4), as the contract
 * {@code events/billing-events.schema.json} describes them.
 */
public final class BillingEvents {

    public static final String TOPIC = "billing-events";

    private BillingEvents() {
    }

    public record Line(String code, String description, int quantity, long unitPrice, long amount) {
    }

    public record BillIssued(UUID eventId, Instant occurredAt, UUID reservationId, UUID billId, String status,
            long total, String currency, List<Line> lines, Instant issuedAt) implements DomainEvent {

        public static BillIssued of(Bill bill) {
            return new BillIssued(UUID.randomUUID(), bill.issuedAt, bill.reservationId, bill.id, bill.status.name(),
                    bill.total, bill.currency, bill.lines.stream()
                            .map(l -> new Line(l.code, l.description, l.quantity, l.unitPrice, l.amount)).toList(),
                    bill.issuedAt);
        }
    }

    public record BillPaid(UUID eventId, Instant occurredAt, UUID reservationId, UUID billId, String status,
            long total, String currency, String method, Instant paidAt) implements DomainEvent {

        public static BillPaid of(Bill bill) {
            return new BillPaid(UUID.randomUUID(), bill.paidAt, bill.reservationId, bill.id, bill.status.name(),
                    bill.total, bill.currency, bill.paymentMethod.name(), bill.paidAt);
        }
    }
}
