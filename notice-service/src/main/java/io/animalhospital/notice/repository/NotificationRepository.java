package io.animalhospital.notice.repository;

import java.util.Collection;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;

import io.animalhospital.notice.domain.Notification;
import io.animalhospital.notice.domain.NotificationStatus;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Parameters;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;

@ApplicationScoped
public class NotificationRepository implements PanacheRepositoryBase<Notification, UUID> {

    public Uni<List<Notification>> byReservation(UUID reservationId) {
        return list("reservationId", Sort.by("createdAt").and("id"), reservationId);
    }

    /** Everything sent to a contact: by the address used, or by the contact's phone (e-mails included). */
    public Uni<List<Notification>> byRecipient(String recipient) {
        return list("recipient = :r or phone = :r", Sort.by("createdAt").and("id"),
                Parameters.with("r", recipient));
    }

    public Uni<List<Notification>> byReservationAndRecipient(UUID reservationId, String recipient) {
        return list("reservationId = :id and (recipient = :r or phone = :r)", Sort.by("createdAt").and("id"),
                Parameters.with("id", reservationId).and("r", recipient));
    }

    /** Bill notifications of a reservation whose contact had not arrived when they were stored. */
    public Uni<List<Notification>> awaitingContact(UUID reservationId) {
        return list("reservationId = :id and recipient is null and status = :pending",
                Parameters.with("id", reservationId).and("pending", NotificationStatus.PENDING));
    }

    /** The notifications with these ids, row-locked in id order (so that two lockers never wait on each other). */
    public Uni<List<Notification>> lockAll(Collection<UUID> ids) {
        return find("id in ?1 order by id", ids).withLock(LockModeType.PESSIMISTIC_WRITE).list();
    }
}
