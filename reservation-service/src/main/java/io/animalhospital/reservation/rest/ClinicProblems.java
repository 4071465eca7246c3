package io.animalhospital.reservation.rest;

import jakarta.persistence.OptimisticLockException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import org.hibernate.StaleObjectStateException;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import io.animalhospital.platform.problem.Problem;
import io.animalhospital.reservation.domain.BookingRules;
import io.animalhospital.reservation.domain.ClinicException;
import io.animalhospital.reservation.domain.ClinicException.Reason;
import io.animalhospital.reservation.domain.SeatsUnavailableException;

/**
 * The clinic's answers as problem details: each reason has its status, title and type ({@code schedule-full}, ...).
 * Framework errors are the platform's.
 */
public class ClinicProblems {

    private final BookingRules rules;

    public ClinicProblems(BookingRules rules) {
        this.rules = rules;
    }

    @ServerExceptionMapper
    public Response clinic(ClinicException e, UriInfo uri) {
        Reason reason = e.reason();
        Response problem = Problem.typed(slug(reason), status(reason), title(reason), e.getMessage(), uri.getPath())
                .toResponse();
        if (reason == Reason.PLACEMENT_IN_PROGRESS) {
            // The first placement answers within the booking timeout: a retry a second later usually finds it.
            return Response.fromResponse(problem).header("Retry-After", 1).build();
        }
        return problem;
    }

    /** diagnosis-service cannot answer now: nothing was reserved or changed, try again shortly. */
    @ServerExceptionMapper
    public Response unavailable(SeatsUnavailableException e, UriInfo uri) {
        Response problem = Problem.typed("booking-unavailable", 503, "Booking temporarily unavailable",
                "The clinic's booking system is busy or unreachable; nothing was reserved. Please try again in a few seconds.",
                uri.getPath()).toResponse();
        return Response.fromResponse(problem).header("Retry-After", rules.retryAfter().toSeconds()).build();
    }

    /** Two changes of one reservation crossed: the later one must re-read and retry. */
    @ServerExceptionMapper
    public Response concurrentChange(OptimisticLockException e, UriInfo uri) {
        return changedConcurrently(uri);
    }

    @ServerExceptionMapper
    public Response staleChange(StaleObjectStateException e, UriInfo uri) {
        return changedConcurrently(uri);
    }

    private static Response changedConcurrently(UriInfo uri) {
        return Problem.typed("changed-concurrently", 409, "Changed concurrently",
                "The reservation was changed at the same time; reload and retry", uri.getPath()).toResponse();
    }

    private static String slug(Reason reason) {
        return reason.name().toLowerCase().replace('_', '-');
    }

    private static int status(Reason reason) {
        return switch (reason) {
            case RESERVATION_NOT_FOUND, SCHEDULE_NOT_FOUND, APPOINTMENT_NOT_FOUND -> 404;
            case NOT_YOUR_PHONE -> 403;
            case IDEMPOTENCY_KEY_REUSED -> 422;
            default -> 409;
        };
    }

    private static String title(Reason reason) {
        return switch (reason) {
            case RESERVATION_NOT_FOUND -> "Reservation not found";
            case SCHEDULE_NOT_FOUND -> "Schedule not found";
            case APPOINTMENT_NOT_FOUND -> "Appointment not found";
            case SCHEDULE_FULL -> "Schedule full";
            case SCHEDULE_WITHDRAWN -> "Schedule withdrawn";
            case SEAT_REFUSED -> "Seat refused";
            case DAY_PASSED -> "This day has passed";
            case NOT_CHANGEABLE -> "Reservation not changeable";
            case ALREADY_TREATED -> "Already treated";
            case IDEMPOTENCY_KEY_REUSED -> "Idempotency-Key reused";
            case PLACEMENT_IN_PROGRESS -> "Placement in progress";
            case NOT_YOUR_PHONE -> "Not your phone number";
        };
    }
}
