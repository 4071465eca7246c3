package io.animalhospital.lookup.rest;

import java.net.URI;

import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;

import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import com.fasterxml.jackson.annotation.JsonInclude;

import io.animalhospital.lookup.domain.ClinicException;

/** Every error as RFC 9457 {@code application/problem+json}; bad input is a precise 4xx, never a 500. */
public class ProblemMappers {

    public static final String PROBLEM_JSON = "application/problem+json";
    private static final Logger LOG = Logger.getLogger(ProblemMappers.class);

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Problem(URI type, String title, int status, String detail) {
    }

    @ServerExceptionMapper
    public Response clinic(ClinicException e) {
        return problem(e.status(), e.title(), e.getMessage());
    }

    @ServerExceptionMapper
    public Response web(WebApplicationException e) {
        int status = e.getResponse().getStatus();
        Response.Status known = Response.Status.fromStatusCode(status);
        return problem(status, known == null ? "Error" : known.getReasonPhrase(), e.getMessage());
    }

    @ServerExceptionMapper
    public Response unexpected(RuntimeException e) {
        LOG.error("Unexpected failure", e);
        return problem(500, "Internal error", "The request could not be completed");
    }

    static Response problem(int status, String title, String detail) {
        return Response.status(status).type(PROBLEM_JSON)
                .entity(new Problem(URI.create("about:blank"), title, status, detail)).build();
    }
}
