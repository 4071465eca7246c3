package io.animalhospital.notice.domain;

import java.util.UUID;

import io.smallrye.mutiny.Uni;

/** This service's copies of the reservations' contacts. */
public interface Contacts {

    /** The reservation's contact, or {@code null} if none of its events has arrived yet. */
    Uni<ReservationContact> ofReservation(UUID reservationId);

    Uni<Void> add(ReservationContact contact);

    /**
     * Serialises, until the end of the transaction, everything that touches one reservation's contact and
     * notifications: the consumers of its two topics must not miss each other.
     */
    Uni<Void> lockReservation(UUID reservationId);
}
