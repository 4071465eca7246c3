package io.animalhospital.platform.problem;

import java.util.List;
import java.util.stream.Collectors;

import jakarta.validation.ConstraintViolationException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;

import io.animalhospital.platform.json.StrictJson;
import io.animalhospital.platform.security.Caller;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;

/**
 * The framework's errors and unreadable input as problem details: a precise 4xx for bad input, never a 500.
 * A service maps its own domain exceptions in its {@code rest} package with {@link Problem}.
 */
public class ProblemMappers {

    private static final Logger LOG = Logger.getLogger(ProblemMappers.class);

    @ServerExceptionMapper
    public Response invalid(ConstraintViolationException e, UriInfo uri) {
        List<Problem.Violation> violations = e.getConstraintViolations().stream()
                .map(v -> new Problem.Violation(field(v.getPropertyPath().toString()), v.getMessage()))
                .toList();
        return new Problem(Problem.BLANK, "Invalid request", 400, "The request has invalid or missing values",
                path(uri), violations).toResponse();
    }

    @ServerExceptionMapper(priority = 1)
    public Response unreadable(JsonProcessingException e, UriInfo uri) {
        return json(e, uri).toResponse();
    }

    // Quarkus has built-in mappers for these two, with a plain JSON body: named here so that ours win.
    @ServerExceptionMapper(priority = 1)
    public Response mismatched(MismatchedInputException e, UriInfo uri) {
        return json(e, uri).toResponse();
    }

    @ServerExceptionMapper(priority = 1)
    public Response unknownField(UnrecognizedPropertyException e, UriInfo uri) {
        return json(e, uri).toResponse();
    }

    @ServerExceptionMapper
    public Response web(WebApplicationException e, UriInfo uri) {
        if (e.getCause() instanceof JsonProcessingException json) {
            return json(json, uri).toResponse();
        }
        int status = e.getResponse().getStatus();
        return Problem.of(status, Problem.reasonPhrase(status), e.getMessage(), path(uri)).toResponse();
    }

    // Security: no token, or one that is not acceptable (expired, wrong issuer or audience, bad signature, ...).
    @ServerExceptionMapper(priority = 1)
    public Response unauthorized(UnauthorizedException e, UriInfo uri) {
        return unauthenticated(uri, false);
    }

    @ServerExceptionMapper(priority = 1)
    public Response authenticationFailed(AuthenticationFailedException e, UriInfo uri) {
        return unauthenticated(uri, true);
    }

    @ServerExceptionMapper(priority = 1)
    public Response forbidden(ForbiddenException e, UriInfo uri) {
        return Problem.of(403, "Forbidden", "Your account may not do this", path(uri)).toResponse();
    }

    @ServerExceptionMapper(priority = 1)
    public Response withoutPhone(Caller.MissingPhoneException e, UriInfo uri) {
        return Problem.typed("phone-required", 403, "Phone number required", e.getMessage(), path(uri)).toResponse();
    }

    private static Response unauthenticated(UriInfo uri, boolean badToken) {
        Problem problem = Problem.of(401, "Unauthorized", badToken
                ? "The access token is not valid (expired, not yet valid, or not issued for this clinic); sign in again"
                : "Sign in to do this", path(uri));
        return Response.fromResponse(problem.toResponse())
                .header("WWW-Authenticate", badToken ? "Bearer error=\"invalid_token\"" : "Bearer").build();
    }

    @ServerExceptionMapper
    public Response unexpected(Exception e, UriInfo uri) {
        if (Unavailable.isUnavailable(e)) {
            LOG.warnf("A dependency is unavailable: %s", Unavailable.describe(e));
            return Unavailable.problem(path(uri));
        }
        LOG.error("Unexpected failure", e);
        return Problem.of(500, "Internal Server Error", "The request could not be completed", path(uri)).toResponse();
    }

    private static Problem json(JsonProcessingException e, UriInfo uri) {
        if (e instanceof StrictJson.ControlCharacterException text) {
            String field = fieldPath(text);
            return new Problem(Problem.BLANK, "Invalid value", 400, "Field '" + field + "' contains control characters",
                    path(uri), List.of(new Problem.Violation(field, "must not contain control characters")));
        }
        if (e instanceof UnrecognizedPropertyException unknown) {
            String field = unknown.getPropertyName();
            return new Problem(Problem.BLANK, "Unknown field", 400, "Field '" + field + "' is not part of this request",
                    path(uri), List.of(new Problem.Violation(field, "is not part of this request")));
        }
        if (e instanceof MismatchedInputException mismatch && !mismatch.getPath().isEmpty()) {
            String field = fieldPath(mismatch);
            return new Problem(Problem.BLANK, "Invalid value", 400,
                    "Field '" + field + "' has a value of the wrong type or format", path(uri),
                    List.of(new Problem.Violation(field, "has a value of the wrong type or format")));
        }
        return Problem.of(400, "Malformed JSON", e.getOriginalMessage(), path(uri));
    }

    private static String fieldPath(MismatchedInputException e) {
        return e.getPath().stream()
                .map(ref -> ref.getFieldName() != null ? ref.getFieldName() : "[" + ref.getIndex() + "]")
                .collect(Collectors.joining("."));
    }

    static String path(UriInfo uri) {
        return uri == null ? null : uri.getPath();
    }

    /** "create.request.capacity" → "capacity": the caller knows its fields, not our method names. */
    private static String field(String path) {
        String[] parts = path.split("\\.");
        return parts.length <= 2 ? parts[parts.length - 1] : String.join(".", List.of(parts).subList(2, parts.length));
    }
}
