package io.animalhospital.lookup.domain;

/** An appointment's status as diagnosis-service reports it (SPEC §2). */
public enum AppointmentStatus implements ClinicStatus {

    AWAITING_APPROVAL(1, false),
    BOOKED(2, false),
    TREATED(3, true),
    CANCELLED(3, true);

    private final int rank;
    private final boolean terminal;

    AppointmentStatus(int rank, boolean terminal) {
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
