package io.animalhospital.reservation.domain;

import java.util.List;
import java.util.UUID;

import io.smallrye.mutiny.Uni;

/** The reservations this service keeps. */
public interface Reservations {

    Uni<Reservation> byId(UUID id);

    /** Row-locked read: a customer's change and a clinic event on one reservation apply one after the other. */
    Uni<Reservation> lockedById(UUID id);

    /** A customer's reservations, oldest first. */
    Uni<List<Reservation>> byPhone(String phone);

    Uni<Reservation> add(Reservation reservation);
}
