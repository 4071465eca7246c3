package io.animalhospital.lookup.domain;

/** A reservation's status as reservation-service reports it (SPEC §2). */
public enum ReservationStatus implements ClinicStatus {

    AWAITING_APPROVAL(1, false),
    RESERVED(2, false),
    TREATED(3, true),
    CANCELLED(3, true),
    CANCELLED_BY_CLINIC(3, true);

    private final int rank;
    private final boolean terminal;

    ReservationStatus(int rank, boolean terminal) {
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

    /**
     * The appointment's status this reservation status reveals (diagnosis confirmed the seat before
     * reservation-service published): a reserved seat is a booked appointment, any cancellation cancels it.
     */
    public AppointmentStatus appointment() {
        return switch (this) {
            case AWAITING_APPROVAL -> AppointmentStatus.AWAITING_APPROVAL;
            case RESERVED -> AppointmentStatus.BOOKED;
            case TREATED -> AppointmentStatus.TREATED;
            case CANCELLED, CANCELLED_BY_CLINIC -> AppointmentStatus.CANCELLED;
        };
    }
}
