package io.animalhospital.lookup.domain;

/** A bill's status as billing-service reports it (SPEC §2). */
public enum BillStatus implements ClinicStatus {

    ISSUED(1),
    PAID(FINAL);

    private final int rank;

    BillStatus(int rank) {
        this.rank = rank;
    }

    @Override
    public int rank() {
        return rank;
    }
}
