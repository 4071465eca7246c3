package io.animalhospital.billing.rest;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import io.animalhospital.billing.domain.Bill;
import io.animalhospital.billing.domain.BillStatus;
import io.animalhospital.billing.domain.PaymentMethod;

/** A bill as the API shows it (SPEC §3 "bill"); {@code paidAt} and {@code method} are null until paid. */
public record BillView(UUID id, UUID reservationId, BillStatus status, long total, String currency,
        List<Line> lines, Instant issuedAt, Instant paidAt, PaymentMethod method) {

    public record Line(String code, String description, int quantity, long unitPrice, long amount) {
    }

    public static BillView of(Bill bill) {
        return new BillView(bill.id, bill.reservationId, bill.status, bill.total, bill.currency,
                bill.lines.stream().map(l -> new Line(l.code, l.description, l.quantity, l.unitPrice, l.amount))
                        .toList(),
                bill.issuedAt, bill.paidAt, bill.paymentMethod);
    }
}
