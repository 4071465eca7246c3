package io.animalhospital.lookup.domain;

/** An appointment's status as diagnosis-service reports it (SPEC §2). */
public enum AppointmentStatus implements ClinicStatus {

    AWAITING_APPROVAL(1),
    BOOKED(2),
    TREATED(FINAL),
    CANCELLED(FINAL);

    private final int rank;

    AppointmentStatus(int rank) {
        this.rank = rank;
    }

    @Override
    public int rank() {
        return rank;
    }
}
