package io.animalhospital.notice.rest;

import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import io.animalhospital.notice.domain.ClinicException;
import io.animalhospital.platform.problem.Problem;

/** notice's refusals as problem details: each reason has its status, title and problem type. */
public class ClinicProblems {

    @ServerExceptionMapper
    public Response refused(ClinicException e, UriInfo uri) {
        return switch (e.reason()) {
            case INVALID_RESERVATION_ID -> problem("invalid-reservation-id", 400, "Invalid value", e, uri);
            case RESERVATION_NOT_FOUND -> problem("reservation-not-found", 404, "Reservation not found", e, uri);
            case NOT_YOUR_RECIPIENT -> problem("not-your-recipient", 403, "Not your recipient", e, uri);
        };
    }

    private static Response problem(String type, int status, String title, ClinicException e, UriInfo uri) {
        return Problem.typed(type, status, title, e.getMessage(), uri.getPath()).toResponse();
    }
}
