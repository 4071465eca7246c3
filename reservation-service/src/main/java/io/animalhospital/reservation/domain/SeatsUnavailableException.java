package io.animalhospital.reservation.domain;

/** diagnosis-service did not answer in time, failed, or its circuit is open: nothing was changed, try again shortly. */
public class SeatsUnavailableException extends RuntimeException {

    public SeatsUnavailableException(String message) {
        super(message);
    }

    public SeatsUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
