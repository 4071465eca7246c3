package io.animalhospital.lookup.rest;

import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import io.animalhospital.lookup.domain.ClinicException;
import io.animalhospital.platform.problem.Problem;

/** The clinic's answers as problem details: each reason has its status, title and type. */
public class ClinicProblems {

    @ServerExceptionMapper
    public Response clinic(ClinicException e, UriInfo uri) {
        int status = switch (e.reason()) {
            case RESERVATION_NOT_FOUND -> 404;
            case INVALID_RESERVATION_ID, PHONE_REQUIRED -> 400;
            case REBUILD_DISABLED, NOT_YOUR_PHONE -> 403;
            case REBUILD_ALREADY_STARTING, REBUILD_NEEDS_EVERY_PARTITION -> 409;
            case CONSUMERS_NOT_RUNNING -> 503;
        };
        String title = switch (e.reason()) {
            case RESERVATION_NOT_FOUND -> "Reservation not found";
            case INVALID_RESERVATION_ID -> "Invalid reservation id";
            case PHONE_REQUIRED -> "Phone required";
            case NOT_YOUR_PHONE -> "Not your phone number";
            case REBUILD_DISABLED -> "Rebuild disabled";
            case REBUILD_ALREADY_STARTING -> "Rebuild already starting";
            case REBUILD_NEEDS_EVERY_PARTITION -> "Rebuild needs every partition";
            case CONSUMERS_NOT_RUNNING -> "Consumers not running";
        };
        String type = e.reason().name().toLowerCase().replace('_', '-');
        return Problem.typed(type, status, title, e.getMessage(), uri.getPath()).toResponse();
    }
}
