package io.animalhospital.reservation.web.client;

import java.net.ConnectException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;

import jakarta.ws.rs.ProcessingException;

/**
 * What an API answered instead of the page's data, as the pages need it to find the words for a customer: the
 * status, the problem type's last segment ({@code schedule-full}, ...), the fields that failed validation, and
 * for 503 the seconds of {@code Retry-After}. A service that cannot be reached is a 503 without seconds.
 */
public class ApiProblem extends RuntimeException {

    /** The type of a service that did not answer at all (connection refused, timed out). */
    public static final String UNREACHABLE = "service-unavailable";

    private final int status;
    private final String type;
    private final Map<String, String> violations;
    private final Integer retryAfter;

    public ApiProblem(int status, String type, String detail, Map<String, String> violations, Integer retryAfter) {
        super(status + " " + type + (detail == null ? "" : ": " + detail), null, false, false);
        this.status = status;
        this.type = type;
        this.violations = violations == null ? Map.of() : Map.copyOf(violations);
        this.retryAfter = retryAfter;
    }

    /** Any failure of a call as a problem: an unreachable or timed-out service is a 503. */
    public static ApiProblem of(Throwable failure) {
        if (failure instanceof ApiProblem problem) {
            return problem;
        }
        Throwable cause = failure;
        while (cause != null) {
            if (cause instanceof ApiProblem problem) {
                return problem;
            }
            cause = cause.getCause() == cause ? null : cause.getCause();
        }
        return new ApiProblem(503, UNREACHABLE, String.valueOf(failure), Map.of(), null);
    }

    /** Whether a failure is one of a call (an answer or none), not a bug of the page. */
    public static boolean isCallFailure(Throwable failure) {
        return failure instanceof ApiProblem || failure instanceof ProcessingException
                || failure instanceof ConnectException || failure instanceof TimeoutException
                || failure instanceof io.vertx.core.VertxException
                || failure instanceof io.smallrye.mutiny.TimeoutException;
    }

    public int status() {
        return status;
    }

    public String type() {
        return type;
    }

    public Map<String, String> violations() {
        return violations;
    }

    public Optional<Integer> retryAfter() {
        return Optional.ofNullable(retryAfter);
    }

    /** The fields that failed, in a stable order (for the page's list). */
    public List<String> fields() {
        return violations.keySet().stream().sorted().collect(Collectors.toList());
    }
}
