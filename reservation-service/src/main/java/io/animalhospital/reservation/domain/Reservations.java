package io.animalhospital.reservation.domain;

import java.time.LocalDate;
import java.util.UUID;

import io.animalhospital.platform.paging.PageRequest;
import io.animalhospital.platform.paging.Paged;
import io.smallrye.mutiny.Uni;

/** The reservations this service keeps. */
public interface Reservations {

    Uni<Reservation> byId(UUID id);

    /** Row-locked read: a customer's change and a clinic event on one reservation apply one after the other. */
    Uni<Reservation> lockedById(UUID id);

    /** Which reservations a list shows; every field optional (a customer's list always has their phone). */
    record Search(String phone, LocalDate date, ReservationStatus status) {
    }

    /** One page of the reservations matching the search, ordered by date, createdAt, id. */
    Uni<Paged<Reservation>> search(Search search, PageRequest page);

    Uni<Reservation> add(Reservation reservation);
}
