package io.animalhospital.lookup.domain;

import java.util.Map;

import io.smallrye.mutiny.Uni;

/** The consumers of the topics the view is built from, moved back to replay them. Both answer on the caller's context. */
public interface EventReplay {

    /**
     * The number of partitions of each consumed topic; fails with {@link ClinicException} unless this replica's
     * consumers run and hold every one of them.
     */
    Uni<Map<String, Integer>> partitionsHeld();

    /** Moves the consumers back to the beginning of those partitions. */
    Uni<Void> rewind(Map<String, Integer> partitions);
}
