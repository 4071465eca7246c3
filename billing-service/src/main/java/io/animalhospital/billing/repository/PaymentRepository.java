package io.animalhospital.billing.repository;

import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.animalhospital.billing.domain.Payment;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;

@ApplicationScoped
public class PaymentRepository implements PanacheRepositoryBase<Payment, UUID> {

    public Uni<Payment> findByBill(UUID billId) {
        return find("billId", billId).firstResult();
    }
}
