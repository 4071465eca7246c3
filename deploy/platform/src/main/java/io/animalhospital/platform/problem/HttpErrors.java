package io.animalhospital.platform.problem;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.animalhospital.platform.config.PlatformConfig;
import io.quarkus.runtime.configuration.MemorySize;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * The errors the HTTP layer answers before any resource runs (no route, a body over the limit, a failed route)
 * as problem details too: without this, Vert.x and Quarkus answer them with an empty or plain-text body.
 */
@ApplicationScoped
public class HttpErrors {

    private final long bodyLimit;
    private final int uriLimit;
    private final ObjectMapper mapper;

    public HttpErrors(@ConfigProperty(name = "quarkus.http.limits.max-body-size") MemorySize bodyLimit,
            PlatformConfig config, ObjectMapper mapper) {
        this.bodyLimit = bodyLimit.asLongValue();
        this.uriLimit = config.http().maxUriLength();
        this.mapper = mapper;
    }

    void install(@Observes Router router) {
        // Vert.x answers a request line over its limit itself, with an empty body, and Quarkus offers no hook for
        // it: that limit is set far above this one (platform defaults), so a long URI is answered here.
        router.route().order(-4).handler(context -> {
            if (context.request().uri().length() > uriLimit) {
                context.response().putHeader(HttpHeaders.CONNECTION, "close");
                answer(context, 414, "The request URI is longer than " + uriLimit + " characters");
                return;
            }
            context.next();
        });
        // Before Quarkus's own body handler, which answers a declared oversize body with a bare 413.
        router.route().order(-3).handler(context -> {
            if (declaredTooLarge(context.request().getHeader(HttpHeaders.CONTENT_LENGTH))) {
                // The unread body is not worth draining: close the connection after answering.
                context.response().putHeader(HttpHeaders.CONNECTION, "close");
                answer(context, 413, "The request body is larger than " + bodyLimit + " bytes");
                return;
            }
            context.next();
        });
        // A route that failed with a client error status (a chunked body growing past the limit, say).
        router.route().order(-3).failureHandler(context -> {
            int status = context.statusCode();
            if (status >= 400 && status < 500 && !context.response().headWritten()) {
                answer(context, status, null);
            } else {
                context.next();
            }
        });
        router.errorHandler(404, context -> answer(context, 404, "No resource at " + context.request().path()));
        router.errorHandler(405, context -> answer(context, 405,
                context.request().method() + " is not allowed on " + context.request().path()));
    }

    private void answer(RoutingContext context, int status, String detail) {
        String path = context.request().path();
        Problem problem = Problem.of(status, Problem.reasonPhrase(status), detail,
                path == null || path.length() > 200 ? null : path);
        String body;
        try {
            body = mapper.writeValueAsString(problem);
        } catch (JsonProcessingException e) {
            body = "{\"status\":" + status + "}";
        }
        context.response().setStatusCode(status)
                .putHeader(HttpHeaders.CONTENT_TYPE, Problem.MEDIA_TYPE)
                .end(body);
    }

    private boolean declaredTooLarge(String length) {
        if (length == null) {
            return false;
        }
        try {
            return Long.parseLong(length.trim()) > bodyLimit;
        } catch (NumberFormatException e) {
            return false; // Vert.x itself rejects a malformed Content-Length
        }
    }
}
