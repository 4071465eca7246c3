package io.animalhospital.platform.problem;

import java.net.URI;
import java.util.List;

import jakarta.ws.rs.core.Response;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * An error as RFC 9457 problem details, the one shape every service answers with. {@code violations} names the
 * fields of a request that failed validation.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Problem(URI type, String title, int status, String detail, String instance, List<Violation> violations) {

    public static final String MEDIA_TYPE = "application/problem+json";
    /** Generic HTTP errors say only their status: RFC 9457's {@code about:blank}. */
    public static final URI BLANK = URI.create("about:blank");
    /** The clinic's own problem types are named under this base. */
    public static final String TYPE_BASE = "https://animal-hospital.example/problems/";

    public record Violation(String field, String message) {
    }

    public static Problem of(int status, String title, String detail, String instance) {
        return new Problem(BLANK, title, status, detail, instance, null);
    }

    /** A problem of the clinic's own, e.g. {@code schedule-full}: clients may act on its type. */
    public static Problem typed(String type, int status, String title, String detail, String instance) {
        return new Problem(URI.create(TYPE_BASE + type), title, status, detail, instance, null);
    }

    public Response toResponse() {
        return Response.status(status).type(MEDIA_TYPE).entity(this).build();
    }

    /** The standard reason phrase of a status, the title of a generic problem. */
    public static String reasonPhrase(int status) {
        Response.Status known = Response.Status.fromStatusCode(status);
        if (known != null) {
            return known.getReasonPhrase();
        }
        return switch (status) {
            case 413 -> "Content Too Large";
            case 414 -> "URI Too Long";
            case 422 -> "Unprocessable Content";
            case 431 -> "Request Header Fields Too Large";
            default -> "Error";
        };
    }
}
