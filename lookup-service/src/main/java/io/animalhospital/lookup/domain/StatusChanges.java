package io.animalhospital.lookup.domain;

import java.util.List;
import java.util.UUID;

import io.smallrye.mutiny.Multi;

/** Committed view changes, fanned out to live subscribers of one reservation. */
public interface StatusChanges {

    /** Call only after the transaction that produced the documents has committed; in their order. */
    void publish(List<StatusDocument> documents);

    /** Every change of the reservation's view from now on. */
    Multi<StatusDocument> of(UUID reservationId);
}
