package io.animalhospital.platform.problem;

import java.net.ConnectException;
import java.nio.channels.ClosedChannelException;
import java.util.Set;

import jakarta.ws.rs.core.Response;

import io.vertx.pgclient.PgException;
import io.vertx.sqlclient.ClosedConnectionException;

/**
 * A failure that says the service's own database cannot be reached (down, restarting, shutting down, out of
 * connections) rather than that the request is wrong: answered 503 with {@code Retry-After}, never 500.
 */
final class Unavailable {

    /** Seconds a client should wait: PostgreSQL restarts in a few seconds. */
    static final int RETRY_AFTER_SECONDS = 5;

    /**
     * SQLSTATE of a server that cannot serve now: admin/crash shutdown, starting up, too many connections, and the
     * connection-exception class 08.
     */
    private static final Set<String> UNAVAILABLE_STATES = Set.of("57P01", "57P02", "57P03", "53300");

    private Unavailable() {
    }

    static boolean isUnavailable(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            // The broker cannot be reached (an operation on the dead-letter topics timed out).
            if (t instanceof org.apache.kafka.common.errors.TimeoutException) {
                return true;
            }
            if (t instanceof ConnectException || t instanceof ClosedConnectionException
                    || t instanceof ClosedChannelException) {
                return true;
            }
            if (t instanceof PgException pg && pg.getSqlState() != null
                    && (pg.getSqlState().startsWith("08") || UNAVAILABLE_STATES.contains(pg.getSqlState()))) {
                return true;
            }
            // Vert.x's pool and connection failures carry only a message.
            String message = t.getMessage();
            if (t.getClass().getName().startsWith("io.vertx") && message != null
                    && (message.contains("Connection refused") || message.contains("Connection closed")
                            || message.contains("Timeout") && message.contains("connection"))) {
                return true;
            }
        }
        return false;
    }

    static String describe(Throwable failure) {
        Throwable root = failure;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getClass().getSimpleName() + ": " + root.getMessage();
    }

    static Response problem(String instance) {
        Problem problem = Problem.typed("service-unavailable", 503, "Service Unavailable",
                "The clinic's records cannot be reached right now; try again in " + RETRY_AFTER_SECONDS + " seconds",
                instance);
        return Response.fromResponse(problem.toResponse()).header("Retry-After", RETRY_AFTER_SECONDS).build();
    }
}
