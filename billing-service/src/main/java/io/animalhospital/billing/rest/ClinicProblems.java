package io.animalhospital.billing.rest;

import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import io.animalhospital.billing.domain.ClinicException;
import io.animalhospital.platform.problem.Problem;

/** Billing's refusals as problem details: each reason has its status, title and problem type. */
public class ClinicProblems {

    @ServerExceptionMapper
    public Response refused(ClinicException e, UriInfo uri) {
        return switch (e.reason()) {
            case BILL_NOT_FOUND -> problem("bill-not-found", 404, "Bill not found", e, uri);
            case RESERVATION_NOT_FOUND -> problem("reservation-not-found", 404, "Reservation not found", e, uri);
            case ALREADY_PAID -> problem("bill-already-paid", 409, "Bill already paid", e, uri);
            case WRONG_AMOUNT -> problem("wrong-amount", 422, "Wrong amount", e, uri);
            case IDEMPOTENCY_KEY_REUSED -> problem("idempotency-key-reused", 422, "Idempotency-Key reused", e, uri);
        };
    }

    private static Response problem(String type, int status, String title, ClinicException e, UriInfo uri) {
        return Problem.typed(type, status, title, e.getMessage(), uri.getPath()).toResponse();
    }
}
