package io.animalhospital.diagnosis.domain;

/** Why an appointment was cancelled: by the clinic (DECLINED, SCHEDULE_WITHDRAWN) or with its reservation. */
public enum CancelReason {
    /** The customer cancelled the reservation. */
    CUSTOMER,
    /** The placement was never recorded in reservation-service (its answer was lost). */
    NOT_CONFIRMED,
    DECLINED,
    SCHEDULE_WITHDRAWN
}
