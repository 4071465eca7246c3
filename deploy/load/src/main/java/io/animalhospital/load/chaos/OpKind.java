package io.animalhospital.load.chaos;

/** The endpoint kinds the steady load exercises, each with the service that answers it. */
public enum OpKind {
    PLACE("place", "reservation", "POST /reservations"),
    CHANGE("change", "reservation", "PATCH /reservations/{id}"),
    CANCEL("cancel", "reservation", "DELETE /reservations/{id}"),
    APPROVE("approve", "diagnosis", "POST /appointments/{id}/approve"),
    DECLINE("decline", "diagnosis", "POST /appointments/{id}/decline"),
    TREAT("treat", "diagnosis", "POST /appointments/{id}/treatment"),
    BILL("bill", "billing", "GET /bills?reservationId="),
    PAY("pay", "billing", "POST /bills/{id}/payments"),
    VIEW("view", "lookup", "GET /reservation-status/{id}"),
    NOTICES("notices", "notice", "GET /notifications?reservationId=");

    private final String label;
    private final String service;
    private final String endpoint;

    OpKind(String label, String service, String endpoint) {
        this.label = label;
        this.service = service;
        this.endpoint = endpoint;
    }

    public String label() {
        return label;
    }

    /** The service whose own endpoint this is. */
    public String service() {
        return service;
    }

    public String endpoint() {
        return endpoint;
    }
}
