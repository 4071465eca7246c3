package io.animalhospital.billing.domain;

import java.time.Instant;
import java.util.UUID;
import java.util.function.Supplier;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.animalhospital.platform.security.Caller;
import io.animalhospital.platform.security.PhoneNumbers;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;

/**
 * Who may see and pay a reservation's bill (SPEC §7): staff every bill; a customer the bills of reservations made
 * with their phone. Anything else is answered as if it did not exist, so another customer's bill does not leak.
 * The owner is learnt from reservation-events; until it has arrived, only staff see the bill.
 */
@ApplicationScoped
public class Ownership {

    private static final Logger LOG = Logger.getLogger(Ownership.class);

    private final Owners owners;

    public Ownership(Owners owners) {
        this.owners = owners;
    }

    /** A reservation event told us its phone; joins the consumer's transaction, which records the event. */
    @WithTransaction
    public Uni<Void> learn(UUID reservationId, String phone, Instant version) {
        // Stored in the form a customer's token carries; a number that cannot be normalised is kept as it came.
        String owner = PhoneNumbers.normalise(phone).orElse(phone.strip());
        LOG.debugf("Reservation %s belongs to %s", reservationId, PhoneNumbers.masked(owner));
        return owners.remember(reservationId, owner, version == null ? Instant.EPOCH : version);
    }

    /**
     * Passes for staff and for the reservation's owner; fails with {@code notFound} for anyone else, and for a
     * customer while the owner is not known. A customer's account without a phone owns nothing (403).
     */
    Uni<Void> requireAccess(Caller caller, UUID reservationId, Supplier<ClinicException> notFound) {
        if (caller.isStaff()) {
            return Uni.createFrom().voidItem();
        }
        return Uni.createFrom().item(caller::requirePhone)
                .chain(phone -> owners.ofReservation(reservationId)).invoke(owner -> {
            if (owner == null || !caller.mayAccess(owner.phone)) {
                throw notFound.get();
            }
        }).replaceWithVoid();
    }
}
