package io.animalhospital.billing.domain;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import jakarta.persistence.CollectionTable;
import jakarta.persistence.Column;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.OrderColumn;
import jakarta.persistence.Table;

/** The bill of one treated reservation: at most one per reservation (unique constraint). */
@Entity
@Table(name = "bill")
public class Bill {

    @Id
    public UUID id;

    @Column(name = "reservation_id", nullable = false, unique = true)
    public UUID reservationId;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public BillStatus status;

    @Column(nullable = false)
    public long total;

    @Column(nullable = false)
    public String currency;

    @Column(name = "issued_at", nullable = false)
    public Instant issuedAt;

    @Column(name = "paid_at")
    public Instant paidAt;

    @Enumerated(EnumType.STRING)
    @Column(name = "payment_method")
    public PaymentMethod paymentMethod;

    /** Who paid, or recorded the payment at the desk; null until paid (and for payments from before identities). */
    @Column(name = "paid_by_subject")
    public String paidBySubject;

    @Column(name = "paid_by_name")
    public String paidByName;

    @Column(name = "paid_at_desk")
    public Boolean paidAtDesk;

    /** The {@code Treated} event this bill was issued for. */
    @Column(name = "treated_event_id", nullable = false)
    public UUID treatedEventId;

    /** Fetched explicitly (join fetch or {@code Mutiny.fetch}): reactive sessions load nothing behind our back. */
    @ElementCollection
    @CollectionTable(name = "bill_line", joinColumns = @JoinColumn(name = "bill_id"))
    @OrderColumn(name = "line_no")
    public List<BillLine> lines = new ArrayList<>();

    public static Bill issue(UUID reservationId, UUID treatedEventId, String currency, List<BillLine> lines) {
        Bill bill = new Bill();
        bill.id = UUID.randomUUID();
        bill.reservationId = reservationId;
        bill.treatedEventId = treatedEventId;
        bill.status = BillStatus.ISSUED;
        bill.currency = currency;
        bill.lines = new ArrayList<>(lines);
        bill.total = lines.stream().mapToLong(line -> line.amount).reduce(0L, Math::addExact);
        bill.issuedAt = now();
        return bill;
    }

    public void pay(PaymentMethod method, Payer payer) {
        status = BillStatus.PAID;
        paymentMethod = method;
        paidAt = now();
        paidBySubject = payer.subject();
        paidByName = payer.name();
        paidAtDesk = payer.atDesk();
    }

    /** PostgreSQL keeps microseconds: the answer given now must equal the one read back later. */
    static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.MICROS);
    }
}
