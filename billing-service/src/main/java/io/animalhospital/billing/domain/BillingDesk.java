package io.animalhospital.billing.domain;

import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.hibernate.reactive.mutiny.Mutiny;
import org.jboss.logging.Logger;

import io.animalhospital.billing.messaging.BillingEvents;
import io.animalhospital.billing.messaging.BillingEvents.BillIssued;
import io.animalhospital.billing.messaging.BillingEvents.BillPaid;
import io.animalhospital.billing.messaging.DiagnosisEvents.Treated;
import io.animalhospital.billing.messaging.Outbox;
import io.animalhospital.billing.repository.BillRepository;
import io.animalhospital.billing.repository.PaymentRepository;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;

/** Issues bills after treatment and takes their payments; every change leaves its event in the outbox. */
@ApplicationScoped
public class BillingDesk {

    private static final Logger LOG = Logger.getLogger(BillingDesk.class);

    private final BillRepository bills;
    private final PaymentRepository payments;
    private final PriceList priceList;
    private final Outbox outbox;

    public BillingDesk(BillRepository bills, PaymentRepository payments, PriceList priceList, Outbox outbox) {
        this.bills = bills;
        this.payments = payments;
        this.priceList = priceList;
        this.outbox = outbox;
    }

    /**
     * Issues the reservation's bill, in the caller's transaction (the consumer's, with the event's dedup record).
     * A reservation is billed once: a second {@code Treated} for it is ignored, and the unique constraint on the
     * reservation turns a concurrent duplicate into a failed transaction whose retry finds the bill.
     */
    public Uni<Void> issue(Treated treated) {
        return bills.findByReservation(treated.reservationId()).flatMap(existing -> {
            if (existing != null) {
                LOG.infof("Reservation %s already has bill %s; Treated %s ignored", treated.reservationId(),
                        existing.id, treated.eventId());
                return Uni.createFrom().voidItem();
            }
            List<PriceList.Item> items = treated.medicalRecord() == null || treated.medicalRecord().items() == null
                    ? List.of()
                    : treated.medicalRecord().items().stream()
                            .map(i -> i == null ? null : new PriceList.Item(i.code(), i.quantity())).toList();
            Bill bill = Bill.issue(treated.reservationId(), treated.eventId(), priceList.currency(),
                    priceList.linesFor(treated.reservationId(), items));
            return bills.persist(bill)
                    .flatMap(saved -> outbox.append(BillingEvents.TOPIC, BillIssued.of(bill)))
                    .invoke(() -> LOG.infof("Issued bill %s for reservation %s: %d %s", bill.id, bill.reservationId,
                            bill.total, bill.currency));
        });
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
        return bills.lock(billId)
                .onItem().ifNull().failWith(() -> BillingException.billNotFound(billId.toString()))
                .flatMap(bill -> bill.status == BillStatus.PAID
                        ? replay(bill, idempotencyKey, amount, method)
                        : payNow(bill, idempotencyKey, amount, method))
                .call(outcome -> Mutiny.fetch(outcome.bill().lines));
    }

    private Uni<PaymentOutcome> replay(Bill bill, String idempotencyKey, long amount, PaymentMethod method) {
        return payments.findByBill(bill.id).map(payment -> {
            if (payment == null || !payment.idempotencyKey.equals(idempotencyKey)) {
                throw BillingException.alreadyPaid(bill.id);
            }
            if (!payment.sameRequest(amount, method)) {
                throw BillingException.keyReused(bill.id);
            }
            return new PaymentOutcome(bill, true);
        });
    }

    private Uni<PaymentOutcome> payNow(Bill bill, String idempotencyKey, long amount, PaymentMethod method) {
        if (amount != bill.total) {
            return Uni.createFrom().failure(BillingException.wrongAmount(bill.id, bill.total, amount, bill.currency));
        }
        bill.pay(method);
        return payments.persist(Payment.of(bill, idempotencyKey, amount))
                .flatMap(saved -> outbox.append(BillingEvents.TOPIC, BillPaid.of(bill)))
                .invoke(() -> LOG.infof("Bill %s paid: %d %s by %s", bill.id, bill.total, bill.currency, method))
                .replaceWith(new PaymentOutcome(bill, false));
    }

    @WithSession
    public Uni<Bill> find(UUID billId) {
        return bills.findWithLines(billId);
    }

    @WithSession
    public Uni<List<Bill>> forReservation(UUID reservationId) {
        return bills.listByReservation(reservationId);
    }
}
