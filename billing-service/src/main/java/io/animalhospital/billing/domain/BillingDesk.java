package io.animalhospital.billing.domain;

import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.hibernate.reactive.mutiny.Mutiny;
import org.jboss.logging.Logger;

import io.animalhospital.platform.paging.PageRequest;
import io.animalhospital.platform.paging.Paged;
import io.animalhospital.platform.security.Caller;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;

/**
 * Issues bills after treatment and takes their payments; every change is reported through {@link BillEvents}.
 * Reads and payments are for the bill's owner and for staff ({@link Ownership}): another customer's bill is
 * answered as not found.
 */
@ApplicationScoped
public class BillingDesk {

    private static final Logger LOG = Logger.getLogger(BillingDesk.class);

    private final Bills bills;
    private final Payments payments;
    private final Pricing pricing;
    private final BillEvents events;
    private final Ownership ownership;

    public BillingDesk(Bills bills, Payments payments, Pricing pricing, BillEvents events, Ownership ownership) {
        this.bills = bills;
        this.payments = payments;
        this.pricing = pricing;
        this.events = events;
        this.ownership = ownership;
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
     * Pays a bill once: the owner pays their own bill, staff record a payment at the desk; {@code caller} is kept as
     * the payer. The bill's row is locked first, so concurrent requests for one bill queue up: the first pays, a
     * retry with its key gets the same answer, another key finds it paid.
     */
    @WithTransaction
    public Uni<PaymentOutcome> pay(UUID billId, String idempotencyKey, long amount, PaymentMethod method,
            Caller caller) {
        return bills.lockedForPayment(billId)
                .onItem().ifNull().failWith(() -> ClinicException.billNotFound(billId.toString()))
                .call(bill -> ownership.requireAccess(caller, bill.reservationId,
                        () -> ClinicException.billNotFound(billId.toString())))
                .flatMap(bill -> bill.status == BillStatus.PAID
                        ? replay(bill, idempotencyKey, amount, method)
                        : payNow(bill, idempotencyKey, amount, method, Payer.of(caller)))
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

    private Uni<PaymentOutcome> payNow(Bill bill, String idempotencyKey, long amount, PaymentMethod method,
            Payer payer) {
        if (amount != bill.total) {
            return Uni.createFrom().failure(ClinicException.wrongAmount(bill.id, bill.total, amount, bill.currency));
        }
        bill.pay(method, payer);
        return payments.add(Payment.of(bill, idempotencyKey, amount))
                .chain(() -> events.paid(bill))
                .invoke(() -> LOG.infof("Bill %s paid: %d %s by %s (%s %s)", bill.id, bill.total, bill.currency,
                        method, payer.atDesk() ? "recorded at the desk by" : "paid by customer", payer.subject()))
                .replaceWith(new PaymentOutcome(bill, false));
    }

    /** The bill, or {@code null} when there is none that the caller may see. */
    @WithSession
    public Uni<Bill> find(UUID billId, Caller caller) {
        return bills.withLines(billId).call(bill -> bill == null ? Uni.createFrom().voidItem()
                : ownership.requireAccess(caller, bill.reservationId,
                        () -> ClinicException.billNotFound(billId.toString())));
    }

    /**
     * A list of bills: staff see any; a customer only the bills of their own reservations, and naming a reservation
     * that is not theirs is a 404 as reading it would be.
     */
    @WithSession
    public Uni<Paged<Bill>> search(Bills.Search search, Caller caller, PageRequest page) {
        Uni<Void> access = search.reservationId() == null ? Uni.createFrom().voidItem()
                : ownership.requireAccess(caller, search.reservationId(),
                        () -> ClinicException.reservationNotFound(search.reservationId()));
        return access.chain(() -> caller.isStaff() ? bills.search(search, page)
                : bills.search(new Bills.Search(search.status(), search.reservationId(), caller.requirePhone()), page));
    }
}
