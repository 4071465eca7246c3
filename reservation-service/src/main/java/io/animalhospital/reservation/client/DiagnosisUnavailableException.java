package io.animalhospital.reservation.client;

/** diagnosis-service did not answer in time, failed, or its circuit is open: try again shortly (503). */
public class DiagnosisUnavailableException extends RuntimeException {

    public DiagnosisUnavailableException(String message) {
        super(message);
    }
}
