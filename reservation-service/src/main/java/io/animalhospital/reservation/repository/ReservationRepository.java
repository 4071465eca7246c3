package io.animalhospital.reservation.repository;

import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.animalhospital.reservation.domain.Reservation;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;

@ApplicationScoped
public class ReservationRepository implements PanacheRepositoryBase<Reservation, UUID> {

    public Uni<List<Reservation>> byPhone(String phone) {
        return list("phone", Sort.by("createdAt").and("id"), phone);
    }
}
