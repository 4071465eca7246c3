package io.animalhospital.notice.domain;

import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.UUID;

import io.smallrye.mutiny.Uni;

/** The notifications, one per source event; also the delivery queue (the PENDING ones that are due). */
public interface Notifications {

    Uni<List<Notification>> ofReservation(UUID reservationId);

    /** Everything sent to a contact: by the address used, or by the contact's phone (e-mails included). */
    Uni<List<Notification>> sentTo(String recipient);

    Uni<List<Notification>> ofReservationSentTo(UUID reservationId, String recipient);

    /** Bill notifications of a reservation whose contact had not arrived when they were stored. */
    Uni<List<Notification>> awaitingContact(UUID reservationId);

    /** The notifications with these ids, locked for the rest of the transaction. */
    Uni<List<Notification>> lockedForRecording(Collection<UUID> ids);

    /**
     * Takes up to {@code limit} due PENDING notifications and hides them from other workers for {@code lease}
     * (outside any transaction of the caller); each comes with its next attempt's number.
     */
    Uni<List<Delivery>> claimDue(int limit, Duration lease);

    Uni<Void> add(Notification notification);
}
