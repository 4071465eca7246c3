package io.animalhospital.billing.domain;

import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.hibernate.reactive.mutiny.Mutiny;
import org.jboss.logging.Logger;

import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;

/** Issues bills after treatment and takes their payments; every change is reported through {@link BillEvents}. */
@ApplicationScoped
public class BillingDesk {

    private static final Logger LOG = Logger.getLogger(BillingDesk.class);

    private final Bills bills;
    private final Payments payments;
    private final Pricing pricing;
    private final BillEvents events;

    public BillingDesk(Bills bills, Payments payments, Pricing pricing, BillEvents events) {
        this.bills = bills;
        this.payments = payments;
        this.pricing = pricing;
        this.events = events;
    }

    /**
     * Issues the reservation's bill for a treatment; joins the caller's transaction (the consumer's, which records
     * the event). A reservation is billed once: a second treatment event for it is ignored, and the unique
     * constraint on the reservation turns a concurrent duplicate into a failed transaction whose retry finds the bill.
     */
    @WithTransaction
    public Uni<Void> issue(UUID reservationId, UUID treatedEventId, List<BillableItem> items) {
        return bills.billedFor(reservationId).flatMap(existing -> existing != null
                ? alreadyBilled(existing, treatedEventId)
                : issueNew(reservationId, treatedEventId, items));
    }

    private static Uni<Void> alreadyBilled(Bill existing, UUID treatedEventId) {
        LOG.infof("Reservation %s already has bill %s; Treated %s ignored", existing.reservationId, existing.id,
                treatedEventId);
        return Uni.createFrom().voidItem();
    }

    private Uni<Void> issueNew(UUID reservationId, UUID treatedEventId, List<BillableItem> items) {
        Bill bill = Bill.issue(reservationId, treatedEventId, pricing.currency(), pricing.linesFor(reservationId, items));
        return bills.add(bill)
                .chain(() -> events.issued(bill))
                .invoke(() -> LOG.infof("Issued bill %s for reservation %s: %d %s", bill.id, bill.reservationId,
                        bill.total, bill.currency));
    }

    /** The bill after a payment, and whether it is the stored answer to an earlier request with the same key. */
    public record PaymentOutcome(Bill bill, boolean replayed) {
    }

    /**
     * Pays a bill once. The bill's row is locked first, so concurrent requests for one bill queue up: the first
     * pays, a retry with its key gets the same answer, another key finds it paid.
     */
    @WithTransaction
    public Uni<PaymentOutcome> pay(UUID billId, String idempotencyKey, long amount, PaymentMethod method) {
        return bills.lockedForPayment(billId)
                .onItem().ifNull().failWith(() -> ClinicException.billNotFound(billId.toString()))
                .flatMap(bill -> bill.status == BillStatus.PAID
                        ? replay(bill, idempotencyKey, amount, method)
                        : payNow(bill, idempotencyKey, amount, method))
                .call(outcome -> Mutiny.fetch(outcome.bill().lines));
    }

    private Uni<PaymentOutcome> replay(Bill bill, String idempotencyKey, long amount, PaymentMethod method) {
        return payments.ofBill(bill.id).map(payment -> {
            if (payment == null || !payment.idempotencyKey.equals(idempotencyKey)) {
                throw ClinicException.alreadyPaid(bill.id);
            }
            if (!payment.sameRequest(amount, method)) {
                throw ClinicException.keyReused(bill.id);
            }
            return new PaymentOutcome(bill, true);
        });
    }

    private Uni<PaymentOutcome> payNow(Bill bill, String idempotencyKey, long amount, PaymentMethod method) {
        if (amount != bill.total) {
            return Uni.createFrom().failure(ClinicException.wrongAmount(bill.id, bill.total, amount, bill.currency));
        }
        bill.pay(method);
        return payments.add(Payment.of(bill, idempotencyKey, amount))
                .chain(() -> events.paid(bill))
                .invoke(() -> LOG.infof("Bill %s paid: %d %s by %s", bill.id, bill.total, bill.currency, method))
                .replaceWith(new PaymentOutcome(bill, false));
    }

    @WithSession
    public Uni<Bill> find(UUID billId) {
        return bills.withLines(billId);
    }

    @WithSession
    public Uni<List<Bill>> forReservation(UUID reservationId) {
        return bills.ofReservation(reservationId);
    }
}
