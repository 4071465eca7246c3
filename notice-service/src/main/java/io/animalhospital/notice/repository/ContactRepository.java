package io.animalhospital.notice.repository;

import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.animalhospital.notice.domain.ReservationContact;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;

@ApplicationScoped
public class ContactRepository implements PanacheRepositoryBase<ReservationContact, UUID> {
}
