package io.animalhospital.billing.rest;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import io.animalhospital.billing.domain.Bill;
import io.animalhospital.billing.domain.BillStatus;
import io.animalhospital.billing.domain.PaymentMethod;

/**
 * A bill as the API shows it (SPEC §3 "bill"); {@code paidAt}, {@code method} and {@code paidBy} are null until
 * paid ({@code paidBy} also for payments taken before the clinic's sign-in existed).
 */
public record BillView(UUID id, UUID reservationId, BillStatus status, long total, String currency,
        List<Line> lines, Instant issuedAt, Instant paidAt, PaymentMethod method, PaidBy paidBy) {

    public record Line(String code, String description, int quantity, long unitPrice, long amount) {
    }

    /** The customer who paid, or the staff member who recorded the payment at the desk ({@code desk} true). */
    public record PaidBy(String subject, String name, boolean desk) {
    }

    public static BillView of(Bill bill) {
        return new BillView(bill.id, bill.reservationId, bill.status, bill.total, bill.currency,
                bill.lines.stream().map(l -> new Line(l.code, l.description, l.quantity, l.unitPrice, l.amount))
                        .toList(),
                bill.issuedAt, bill.paidAt, bill.paymentMethod,
                bill.paidBySubject == null ? null
                        : new PaidBy(bill.paidBySubject, bill.paidByName, Boolean.TRUE.equals(bill.paidAtDesk)));
    }
}
