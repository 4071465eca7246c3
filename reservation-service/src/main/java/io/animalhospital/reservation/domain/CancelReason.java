package io.animalhospital.reservation.domain;

/** Why a reservation ended without treatment (SPEC §4). */
public enum CancelReason {
    /** The customer cancelled: CANCELLED. */
    CUSTOMER,
    /** Staff declined the appointment: CANCELLED_BY_CLINIC. */
    DECLINED,
    /** The clinic withdrew the schedule: CANCELLED_BY_CLINIC. */
    SCHEDULE_WITHDRAWN,
    /** A placement that was never recorded: the reservation never existed, its seat must come back. */
    NOT_CONFIRMED
}
