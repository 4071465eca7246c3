package io.animalhospital.lookup.domain;

/** A bill's status as billing-service reports it (SPEC §2). */
public enum BillStatus implements ClinicStatus {

    ISSUED(1, false),
    PAID(2, true);

    private final int rank;
    private final boolean terminal;

    BillStatus(int rank, boolean terminal) {
        this.rank = rank;
        this.terminal = terminal;
    }

    @Override
    public int rank() {
        return rank;
    }

    @Override
    public boolean terminal() {
        return terminal;
    }
}
