package io.animalhospital.reservation.domain;

/** A business answer that the client must see as a precise 4xx (problem+json), never as a server fault. */
public class ClinicException extends RuntimeException {

    private final int status;
    private final String title;

    public ClinicException(int status, String title, String detail) {
        super(detail);
        this.status = status;
        this.title = title;
    }

    public int status() {
        return status;
    }

    public String title() {
        return title;
    }

    public static ClinicException notFound(String what, Object id) {
        return new ClinicException(404, what + " not found", "No " + what.toLowerCase() + " with id " + id);
    }

    public static ClinicException conflict(String title, String detail) {
        return new ClinicException(409, title, detail);
    }
}
