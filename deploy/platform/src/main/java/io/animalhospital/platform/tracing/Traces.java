package io.animalhospital.platform.tracing;

import java.util.HashMap;
import java.util.Map;

import org.jboss.logging.MDC;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.propagation.TextMapGetter;

/**
 * What the platform adds to OpenTelemetry's spans and the log lines (decision 0095): the reservation a piece of work is
 * about, and the trace context carried through the outbox as a W3C {@code traceparent}.
 */
public final class Traces {

    /** On every span that works on one reservation: search a trace by it in the viewer. */
    public static final AttributeKey<String> RESERVATION_ID = AttributeKey.stringKey("reservation.id");
    /** The log line's keys (JSON fields under {@code mdc}). */
    public static final String LOG_RESERVATION_ID = "reservationId";
    public static final String LOG_USER_ID = "userId";
    static final String TRACEPARENT = "traceparent";

    private static final TextMapGetter<Map<String, String>> MAP = new TextMapGetter<>() {
        @Override
        public Iterable<String> keys(Map<String, String> carrier) {
            return carrier.keySet();
        }

        @Override
        public String get(Map<String, String> carrier, String key) {
            return carrier == null ? null : carrier.get(key);
        }
    };

    private Traces() {
    }

    /** Marks the current span and the request's log lines with the reservation. */
    public static void reservation(Object reservationId) {
        if (reservationId == null) {
            return;
        }
        String id = reservationId.toString();
        Span.current().setAttribute(RESERVATION_ID, id);
        MDC.put(LOG_RESERVATION_ID, id);
    }

    /** The current trace context as a W3C traceparent; null outside any trace. */
    public static String traceparent() {
        Map<String, String> carrier = new HashMap<>(2);
        W3CTraceContextPropagator.getInstance().inject(Context.current(), carrier, Map::put);
        return carrier.get(TRACEPARENT);
    }

    /** The context a stored traceparent names; the root context when there is none or it is not readable. */
    public static Context context(String traceparent) {
        if (traceparent == null || traceparent.isBlank()) {
            return Context.root();
        }
        return W3CTraceContextPropagator.getInstance().extract(Context.root(), Map.of(TRACEPARENT, traceparent), MAP);
    }
}
