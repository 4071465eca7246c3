package io.animalhospital.lookup.domain;

/** A reservation's status as reservation-service reports it (SPEC §2). */
public enum ReservationStatus implements ClinicStatus {

    AWAITING_APPROVAL(1),
    RESERVED(2),
    TREATED(FINAL),
    CANCELLED(FINAL),
    CANCELLED_BY_CLINIC(FINAL);

    private final int rank;

    ReservationStatus(int rank) {
        this.rank = rank;
    }

    @Override
    public int rank() {
        return rank;
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
