package io.animalhospital.lookup.domain;

/**
 * A status of the clinic's process as the view ranks it ({@link StatusPrecedence}): how far the process has gone,
 * and whether anything can still follow.
 */
public interface ClinicStatus {

    /** Further-advanced statuses rank higher; only compared at the same instant. */
    int rank();

    /** The rank of the statuses that end the process. */
    int FINAL = 3;

    /** Nothing follows a terminal status in the clinic's process. */
    default boolean terminal() {
        return rank() == FINAL;
    }
}
