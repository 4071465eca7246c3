package io.animalhospital.reservation.client;

import java.util.UUID;
import java.util.function.Supplier;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.faulttolerance.exceptions.BulkheadException;
import org.eclipse.microprofile.faulttolerance.exceptions.CircuitBreakerOpenException;
import org.eclipse.microprofile.faulttolerance.exceptions.TimeoutException;

import io.animalhospital.platform.tracing.InSpan;
import io.animalhospital.platform.tracing.Traces;
import io.animalhospital.reservation.domain.ClinicException;
import io.animalhospital.reservation.domain.Seat;
import io.animalhospital.reservation.domain.Seats;
import io.animalhospital.reservation.domain.SeatsUnavailableException;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import io.smallrye.faulttolerance.api.CircuitBreakerMaintenance;
import io.smallrye.mutiny.Uni;

/**
 * The seats port as the domain sees it: the guarded call ({@link DiagnosisGateway}) inside a span that says how the
 * guard decided (answered, or fell back because the breaker was open, the call timed out, ...) and the breaker's
 * state after it, so that a trace tells why a customer got a 503 (decision 0095).
 */
@ApplicationScoped
public class GuardedDiagnosis implements Seats {

    public static final AttributeKey<String> OUTCOME = AttributeKey.stringKey("fault_tolerance.outcome");
    public static final AttributeKey<String> FALLBACK_CAUSE = AttributeKey.stringKey("fault_tolerance.fallback.cause");
    public static final AttributeKey<String> BREAKER_STATE = AttributeKey.stringKey("fault_tolerance.circuit_breaker.state");

    private final DiagnosisGateway gateway;
    private final Tracer tracer;
    private final CircuitBreakerMaintenance breakers;

    public GuardedDiagnosis(DiagnosisGateway gateway, Tracer tracer, CircuitBreakerMaintenance breakers) {
        this.gateway = gateway;
        this.tracer = tracer;
        this.breakers = breakers;
    }

    @Override
    public Uni<Seat> book(UUID reservationId, UUID scheduleId, String petName, String reason) {
        return guarded("book", DiagnosisGateway.BOOK, reservationId,
                () -> gateway.book(reservationId, scheduleId, petName, reason));
    }

    @Override
    public Uni<Seat> move(UUID reservationId, UUID scheduleId) {
        return guarded("move", DiagnosisGateway.MOVE, reservationId, () -> gateway.move(reservationId, scheduleId));
    }

    private Uni<Seat> guarded(String operation, String breaker, UUID reservationId, Supplier<Uni<Seat>> call) {
        return Uni.createFrom().deferred(() -> {
            Traces.reservation(reservationId);
            return InSpan.run(tracer.spanBuilder("diagnosis-service " + operation + " (guarded)")
                    .setAttribute(Traces.RESERVATION_ID, reservationId.toString()), Context.current(), call, ended -> {
                        Throwable failure = ended.failure();
                        if (failure == null || failure instanceof ClinicException) {
                            ended.span().setAttribute(OUTCOME, ended.cancelled() ? "cancelled" : "answered");
                        } else {
                            ended.span().setAttribute(OUTCOME, "fallback");
                            ended.span().setAttribute(FALLBACK_CAUSE, cause(failure));
                            ended.span().setStatus(StatusCode.ERROR);
                        }
                        ended.span().setAttribute(BREAKER_STATE, breakers.currentState(breaker).name().toLowerCase());
                    });
        });
    }

    private static String cause(Throwable failure) {
        Throwable cause = failure instanceof SeatsUnavailableException && failure.getCause() != null ? failure.getCause() : failure;
        if (cause instanceof CircuitBreakerOpenException) {
            return "circuit-open";
        }
        if (cause instanceof TimeoutException) {
            return "timeout";
        }
        if (cause instanceof BulkheadException) {
            return "bulkhead-full";
        }
        if (cause instanceof ServiceTokenException) {
            return "no-service-token";
        }
        return cause.getClass().getSimpleName();
    }
}
