package io.animalhospital.billing.domain;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/**
 * The payment of a bill, with the {@code Idempotency-Key} it was made under: a retry with that key gets the
 * first answer instead of paying twice. One per bill (unique constraint).
 */
@Entity
@Table(name = "payment")
public class Payment {

    @Id
    public UUID id;

    @Column(name = "bill_id", nullable = false, unique = true)
    public UUID billId;

    @Column(name = "idempotency_key", nullable = false)
    public String idempotencyKey;

    @Column(nullable = false)
    public long amount;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public PaymentMethod method;

    @Column(name = "paid_at", nullable = false)
    public Instant paidAt;

    /** Who paid (a customer) or recorded it at the desk (staff): the token's subject and name. */
    @Column(name = "paid_by_subject")
    public String paidBySubject;

    @Column(name = "paid_by_name")
    public String paidByName;

    @Column(name = "paid_at_desk")
    public Boolean paidAtDesk;

    public static Payment of(Bill bill, String idempotencyKey, long amount) {
        Payment payment = new Payment();
        payment.id = UUID.randomUUID();
        payment.billId = bill.id;
        payment.idempotencyKey = idempotencyKey;
        payment.amount = amount;
        payment.method = bill.paymentMethod;
        payment.paidAt = bill.paidAt;
        payment.paidBySubject = bill.paidBySubject;
        payment.paidByName = bill.paidByName;
        payment.paidAtDesk = bill.paidAtDesk;
        return payment;
    }

    /** Whether a request under the same key asked for the same thing (else the key was reused by mistake). */
    public boolean sameRequest(long requestedAmount, PaymentMethod requestedMethod) {
        return amount == requestedAmount && method == requestedMethod;
    }
}
