package io.animalhospital.reservation.domain;

import java.time.LocalDate;
import java.util.UUID;

/**
 * A seat diagnosis-service holds for a reservation: on which schedule (its vet and date), and whether it awaits
 * staff's approval.
 */
public record Seat(UUID scheduleId, String vet, LocalDate date, boolean awaitingApproval) {

    /** The reservation's status while it holds this seat. */
    public ReservationStatus reservationStatus() {
        return awaitingApproval ? ReservationStatus.AWAITING_APPROVAL : ReservationStatus.RESERVED;
    }
}
