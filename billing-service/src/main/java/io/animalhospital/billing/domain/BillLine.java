package io.animalhospital.billing.domain;

import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;

/** One charge on a bill: the consultation or one billable item of the treatment. */
@Embeddable
public class BillLine {

    @Column(nullable = false)
    public String code;

    @Column(nullable = false)
    public String description;

    @Column(nullable = false)
    public int quantity;

    @Column(name = "unit_price", nullable = false)
    public long unitPrice;

    @Column(nullable = false)
    public long amount;

    protected BillLine() {
        // for Hibernate
    }

    public BillLine(String code, String description, int quantity, long unitPrice) {
        this.code = code;
        this.description = description;
        this.quantity = quantity;
        this.unitPrice = unitPrice;
        // Exact: an overflowing amount is a broken price list, not a bill to send.
        this.amount = Math.multiplyExact(unitPrice, (long) quantity);
    }
}
