package io.animalhospital.diagnosis.rest;

import java.net.URI;
import java.util.List;

import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import io.animalhospital.diagnosis.domain.ClinicException;
import io.animalhospital.diagnosis.domain.ClinicException.Reason;
import io.animalhospital.platform.problem.Problem;

/**
 * The clinic's answers as problem details: each reason has its status, title and type ({@code schedule-full}, ...)
 * on which a client such as reservation-service may act. Framework errors are the platform's.
 */
public class ClinicProblems {

    @ServerExceptionMapper
    public Response clinic(ClinicException e, UriInfo uri) {
        Reason reason = e.reason();
        if (reason == Reason.DATE_IN_PAST) {
            // Bad input like any other invalid field: named, so a form can point at it.
            return new Problem(URI.create(Problem.TYPE_BASE + slug(reason)), title(reason), 400, e.getMessage(),
                    uri.getPath(), List.of(new Problem.Violation("date", "must be today or later at the clinic")))
                    .toResponse();
        }
        return Problem.typed(slug(reason), status(reason), title(reason), e.getMessage(), uri.getPath()).toResponse();
    }

    static String slug(Reason reason) {
        return reason.name().toLowerCase().replace('_', '-');
    }

    private static int status(Reason reason) {
        return switch (reason) {
            case SCHEDULE_NOT_FOUND, APPOINTMENT_NOT_FOUND -> 404;
            case DATE_IN_PAST -> 400;
            default -> 409;
        };
    }

    private static String title(Reason reason) {
        return switch (reason) {
            case SCHEDULE_NOT_FOUND -> "Schedule not found";
            case APPOINTMENT_NOT_FOUND -> "Appointment not found";
            case SCHEDULE_FULL -> "Schedule full";
            case SCHEDULE_WITHDRAWN -> "Schedule withdrawn";
            case RESERVATION_CANCELLED -> "Reservation cancelled";
            case NOT_AWAITING_APPROVAL -> "Not awaiting approval";
            case NOT_DECLINABLE -> "Cannot decline";
            case NOT_TREATABLE -> "Cannot record treatment";
            case APPOINTMENT_NOT_ACTIVE -> "Appointment not active";
            case CAPACITY_BELOW_BOOKINGS -> "Capacity below bookings";
            case DAY_PASSED -> "This day has passed";
            case DATE_IN_PAST -> "Date in the past";
        };
    }
}
