package io.animalhospital.billing.rest;

import java.net.URI;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

import jakarta.validation.ConstraintViolationException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;

import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;

import io.animalhospital.billing.domain.BillingException;

/** Every error as RFC 9457 {@code application/problem+json}; bad input is a precise 4xx, never a 500. */
public class ProblemMappers {

    public static final String PROBLEM_JSON = "application/problem+json";
    /** Billing's own problem types; generic HTTP errors use {@code about:blank}. */
    static final String TYPE_BASE = "https://animal-hospital.example/problems/";
    private static final Logger LOG = Logger.getLogger(ProblemMappers.class);

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Problem(URI type, String title, int status, String detail, List<Map<String, String>> violations) {
    }

    @ServerExceptionMapper
    public Response billing(BillingException e) {
        URI type = URI.create(TYPE_BASE + e.title().toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-"));
        return Response.status(e.status()).type(PROBLEM_JSON)
                .entity(new Problem(type, e.title(), e.status(), e.getMessage(), null)).build();
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

    /** Wrong type or value, e.g. {@code "amount": "ten"} or {@code "method": "BITCOIN"}; named by its field. */
    @ServerExceptionMapper(priority = 1)
    public Response mismatched(MismatchedInputException e) {
        String field = e.getPath().stream().map(ref -> ref.getFieldName() != null ? ref.getFieldName()
                : "[" + ref.getIndex() + "]").collect(Collectors.joining("."));
        String detail = e.getOriginalMessage();
        return problem(400, "Invalid value", field.isEmpty() ? detail : "Field '" + field + "': " + detail,
                field.isEmpty() ? null : List.of(Map.of("field", field, "message", detail)));
    }

    @ServerExceptionMapper(priority = 2)
    public Response malformed(JsonProcessingException e) {
        return problem(400, "Malformed JSON", e.getOriginalMessage(), null);
    }

    @ServerExceptionMapper
    public Response web(WebApplicationException e) {
        Throwable cause = e.getCause();
        if (cause instanceof JsonProcessingException json) {
            if (cause instanceof UnrecognizedPropertyException unknown) {
                return unknownField(unknown);
            }
            return cause instanceof MismatchedInputException mismatch ? mismatched(mismatch) : malformed(json);
        }
        int status = e.getResponse().getStatus();
        Response.Status known = Response.Status.fromStatusCode(status);
        return problem(status, known == null ? "Error" : known.getReasonPhrase(), e.getMessage(), null);
    }

    @ServerExceptionMapper
    public Response unexpected(RuntimeException e) {
        LOG.error("Unexpected failure", e);
        return problem(500, "Internal Server Error", "The request could not be completed", null);
    }

    static Response problem(int status, String title, String detail, List<Map<String, String>> violations) {
        return Response.status(status).type(PROBLEM_JSON)
                .entity(new Problem(URI.create("about:blank"), title, status, detail, violations)).build();
    }

    /** "pay.request.amount" → "amount": the caller knows its fields, not our method names. */
    private static String field(String path) {
        String[] parts = path.split("\\.");
        return parts.length <= 2 ? parts[parts.length - 1] : String.join(".", List.of(parts).subList(2, parts.length));
    }
}
