package io.animalhospital.billing.repository;

import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.animalhospital.billing.domain.Payment;
import io.animalhospital.billing.domain.Payments;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;

@ApplicationScoped
public class PaymentRepository implements PanacheRepositoryBase<Payment, UUID>, Payments {

    @Override
    public Uni<Payment> ofBill(UUID billId) {
        return find("billId", billId).firstResult();
    }

    @Override
    public Uni<Void> add(Payment payment) {
        return persist(payment).replaceWithVoid();
    }
}
