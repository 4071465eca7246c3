package io.animalhospital.notice.domain;

import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.UUID;

import io.animalhospital.platform.paging.PageRequest;
import io.animalhospital.platform.paging.Paged;
import io.smallrye.mutiny.Uni;

/** The notifications, one per source event; also the delivery queue (the PENDING ones that are due). */
public interface Notifications {

    /**
     * Which notifications a list shows; every field optional: a delivery status, a reservation, what was sent to a
     * contact ({@code recipient}: by the address used, or by the contact's phone, e-mails included), the contact's
     * phone ({@code ownerPhone}: a customer's list without a reservation or recipient), whom it was for.
     */
    record Search(NotificationStatus status, UUID reservationId, String recipient, String ownerPhone,
            Audience audience) {
    }

    /** One page of the notifications matching the search, ordered by createdAt, id. */
    Uni<Paged<Notification>> search(Search search, PageRequest page);

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
