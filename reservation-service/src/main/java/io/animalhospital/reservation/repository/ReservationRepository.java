package io.animalhospital.reservation.repository;

import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;

import io.animalhospital.reservation.domain.Reservation;
import io.animalhospital.reservation.domain.Reservations;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;

@ApplicationScoped
public class ReservationRepository implements PanacheRepositoryBase<Reservation, UUID>, Reservations {

    @Override
    public Uni<Reservation> byId(UUID id) {
        return findById(id);
    }

    @Override
    public Uni<Reservation> lockedById(UUID id) {
        return findById(id, LockModeType.PESSIMISTIC_WRITE);
    }

    @Override
    public Uni<List<Reservation>> byPhone(String phone) {
        return list("phone", Sort.by("createdAt").and("id"), phone);
    }

    @Override
    public Uni<Reservation> add(Reservation reservation) {
        return persist(reservation);
    }
}
