package io.animalhospital.platform.tracing;

import java.util.function.Consumer;
import java.util.function.Supplier;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanBuilder;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import io.smallrye.mutiny.Uni;

/**
 * Runs reactive work with a span of its own current until the work ends, so that what it does (statements, calls,
 * events written to the outbox) goes under that span. The span lives in the current Vert.x context (Quarkus's context
 * storage): a request's or a message's own, which nothing else sees.
 */
public final class InSpan {

    private InSpan() {
    }

    /** Starts the span under {@code parent} when the work is subscribed; {@code atEnd} may add attributes before it ends. */
    public static <T> Uni<T> run(SpanBuilder span, Context parent, Supplier<Uni<T>> work, Consumer<Ended<T>> atEnd) {
        return Uni.createFrom().deferred(() -> {
            Span started = span.setParent(parent).startSpan();
            Scope scope = parent.with(started).makeCurrent();
            return work.get().onTermination().invoke((item, failure, cancelled) -> {
                atEnd.accept(new Ended<>(started, item, failure, cancelled));
                started.end();
                scope.close();
            });
        });
    }

    /** As {@link #run(SpanBuilder, Context, Supplier, Consumer)}: a failure marks the span as an error. */
    public static <T> Uni<T> run(SpanBuilder span, Context parent, Supplier<Uni<T>> work) {
        return run(span, parent, work, ended -> {
            if (ended.failure() != null) {
                ended.span().recordException(ended.failure());
                ended.span().setStatus(StatusCode.ERROR);
            }
        });
    }

    /** How the work ended, for the span's last attributes. */
    public record Ended<T>(Span span, T item, Throwable failure, boolean cancelled) {
    }
}
