package io.animalhospital.lookup.domain;

import java.util.List;
import java.util.UUID;

import io.smallrye.mutiny.Multi;

/** Committed view changes, fanned out to live subscribers of one reservation. */
public interface StatusChanges {

    /** The PostgreSQL notification channel on which a committed change of a view is announced to every replica. */
    String CHANNEL = "reservation_status_changed";

    /** Call only after the transaction that produced the documents has committed; in their order. */
    void publish(List<StatusDocument> documents);

    /** Every change of the reservation's view from now on. */
    Multi<StatusDocument> of(UUID reservationId);
}
