package io.animalhospital.reservation.rest;

import java.net.URI;
import java.util.List;
import java.util.Map;

import jakarta.persistence.OptimisticLockException;
import jakarta.validation.ConstraintViolationException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;

import org.hibernate.StaleObjectStateException;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;

import io.animalhospital.reservation.client.DiagnosisUnavailableException;
import io.animalhospital.reservation.config.ReservationConfig;
import io.animalhospital.reservation.domain.ClinicException;

/** Every error as RFC 9457 {@code application/problem+json}; bad input is a precise 4xx, never a 500. */
public class ProblemMappers {

    public static final String PROBLEM_JSON = "application/problem+json";
    private static final Logger LOG = Logger.getLogger(ProblemMappers.class);

    private final ReservationConfig config;

    public ProblemMappers(ReservationConfig config) {
        this.config = config;
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Problem(URI type, String title, int status, String detail, List<Map<String, String>> violations) {
    }

    @ServerExceptionMapper
    public Response clinic(ClinicException e) {
        return problem(e.status(), e.title(), e.getMessage(), null);
    }

    /** The fallback's answer: nothing was reserved, try again shortly. */
    @ServerExceptionMapper
    public Response unavailable(DiagnosisUnavailableException e) {
        Response problem = problem(503, "Booking temporarily unavailable",
                "The clinic's booking system is busy or unreachable; nothing was reserved. Please try again in a few seconds.",
                null);
        return Response.fromResponse(problem).header("Retry-After", config.retryAfter().toSeconds()).build();
    }

    /** Two changes of one reservation crossed: the later one must re-read and retry. */
    @ServerExceptionMapper
    public Response concurrentChange(OptimisticLockException e) {
        return problem(409, "Changed concurrently", "The reservation was changed at the same time; reload and retry", null);
    }

    @ServerExceptionMapper
    public Response staleChange(StaleObjectStateException e) {
        return concurrentChange(null);
    }

    @ServerExceptionMapper
    public Response invalid(ConstraintViolationException e) {
        List<Map<String, String>> violations = e.getConstraintViolations().stream()
                .map(v -> Map.of("field", field(v.getPropertyPath().toString()), "message", v.getMessage()))
                .toList();
        return problem(400, "Invalid request", "The request has invalid or missing values", violations);
    }

    @ServerExceptionMapper(priority = 1)
    public Response unknownField(UnrecognizedPropertyException e) {
        return problem(400, "Unknown field", "Field '" + e.getPropertyName() + "' is not part of this request", null);
    }

    /** Wrong types and unreadable values; replaces Quarkus' plain-JSON default for these. */
    @ServerExceptionMapper(priority = 1)
    public Response mismatched(MismatchedInputException e) {
        if (e instanceof UnrecognizedPropertyException unknown) {
            return unknownField(unknown);
        }
        String field = e.getPath().stream().map(ref -> ref.getFieldName() == null ? "[" + ref.getIndex() + "]"
                : ref.getFieldName()).reduce((a, b) -> a + "." + b).orElse("body");
        return problem(400, "Invalid value", "Field '" + field + "' has a value of the wrong type or format", null);
    }

    @ServerExceptionMapper(priority = 2)
    public Response malformed(JsonProcessingException e) {
        return problem(400, "Malformed JSON", e.getOriginalMessage(), null);
    }

    @ServerExceptionMapper
    public Response web(WebApplicationException e) {
        int status = e.getResponse().getStatus();
        Throwable cause = e.getCause();
        if (cause instanceof JsonProcessingException json) {
            return cause instanceof UnrecognizedPropertyException unknown ? unknownField(unknown) : malformed(json);
        }
        String title = Response.Status.fromStatusCode(status) == null ? "Error"
                : Response.Status.fromStatusCode(status).getReasonPhrase();
        return problem(status, title, e.getMessage(), null);
    }

    @ServerExceptionMapper
    public Response unexpected(RuntimeException e) {
        LOG.error("Unexpected failure", e);
        return problem(500, "Internal error", "The request could not be completed", null);
    }

    static Response problem(int status, String title, String detail, List<Map<String, String>> violations) {
        return Response.status(status).type(PROBLEM_JSON)
                .entity(new Problem(URI.create("about:blank"), title, status, detail, violations)).build();
    }

    /** "create.request.capacity" → "capacity": the caller knows its fields, not our method names. */
    private static String field(String path) {
        String[] parts = path.split("\\.");
        return parts.length <= 2 ? parts[parts.length - 1] : String.join(".", List.of(parts).subList(2, parts.length));
    }
}
