package io.animalhospital.billing.rest;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.runtime.configuration.MemorySize;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.Router;

/**
 * Answers a body declared larger than {@code quarkus.http.limits.max-body-size} with a 413 problem before anything
 * reads it. Quarkus enforces the same limit (route order -2) but answers with an empty body; a chunked body without
 * Content-Length that grows past the limit still gets that bare 413.
 */
@ApplicationScoped
public class RequestSizeLimit {

    private final long limit;
    private final String problem;

    public RequestSizeLimit(@ConfigProperty(name = "quarkus.http.limits.max-body-size") MemorySize limit,
            ObjectMapper mapper) throws JsonProcessingException {
        this.limit = limit.asLongValue();
        this.problem = mapper.writeValueAsString(new ProblemMappers.Problem(java.net.URI.create("about:blank"),
                "Content Too Large", 413, "The request body is larger than " + this.limit + " bytes", null));
    }

    void install(@Observes Router router) {
        router.route().order(-3).handler(context -> {
            String length = context.request().getHeader(HttpHeaders.CONTENT_LENGTH);
            if (length != null && tooLarge(length)) {
                // The unread body is not worth draining: close the connection after answering.
                context.response().setStatusCode(413)
                        .putHeader(HttpHeaders.CONTENT_TYPE, ProblemMappers.PROBLEM_JSON)
                        .putHeader(HttpHeaders.CONNECTION, "close")
                        .end(problem);
                return;
            }
            context.next();
        });
    }

    private boolean tooLarge(String length) {
        try {
            return Long.parseLong(length.trim()) > limit;
        } catch (NumberFormatException e) {
            return false; // Vert.x itself rejects a malformed Content-Length
        }
    }
}
