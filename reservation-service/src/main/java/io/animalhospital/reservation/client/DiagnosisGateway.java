package io.animalhospital.reservation.client;

import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.faulttolerance.Bulkhead;
import org.eclipse.microprofile.faulttolerance.CircuitBreaker;
import org.eclipse.microprofile.faulttolerance.Fallback;
import org.eclipse.microprofile.faulttolerance.Timeout;
import org.eclipse.microprofile.rest.client.inject.RestClient;
import org.jboss.logging.Logger;

import io.animalhospital.reservation.client.DiagnosisClient.AppointmentAnswer;
import io.animalhospital.reservation.client.DiagnosisClient.BookAppointment;
import io.animalhospital.reservation.client.DiagnosisClient.MoveAppointment;
import io.animalhospital.reservation.domain.ClinicException;
import io.animalhospital.reservation.domain.Seat;
import io.animalhospital.reservation.domain.SeatsUnavailableException;
import io.quarkus.oidc.client.OidcClientException;
import io.smallrye.faulttolerance.api.CircuitBreakerName;
import io.smallrye.mutiny.Uni;

/**
 * The guarded call to diagnosis-service. The annotations' numbers are defaults; application.properties
 * overrides them (MicroProfile Fault Tolerance keys {@code <class>/<method>/<Annotation>/<field>}).
 * Diagnosis's business answers ({@link ClinicException}) are answers, not failures: they neither trip the breaker
 * nor fall back. Neither does a {@link ServiceTokenException} trip it (our token is missing or refused: not
 * diagnosis's fault), but it falls back to the same 503.
 */
@ApplicationScoped
public class DiagnosisGateway {

    /** The breakers' names, for operations (and tests) to read their state. */
    public static final String BOOK = "diagnosis-book";
    public static final String MOVE = "diagnosis-move";

    private static final Logger LOG = Logger.getLogger(DiagnosisGateway.class);

    private final DiagnosisClient client;

    public DiagnosisGateway(@RestClient DiagnosisClient client) {
        this.client = client;
    }

    @Timeout(2000)
    @CircuitBreaker(requestVolumeThreshold = 20, failureRatio = 0.5, delay = 5000, successThreshold = 2,
            skipOn = { ClinicException.class, ServiceTokenException.class })
    @CircuitBreakerName(BOOK)
    @Bulkhead(value = 200, waitingTaskQueue = 1000)
    @Fallback(fallbackMethod = "bookUnavailable", skipOn = ClinicException.class)
    public Uni<Seat> book(UUID reservationId, UUID scheduleId, String petName, String reason) {
        return withOwnToken(client.book(new BookAppointment(reservationId, scheduleId, petName, reason)))
                .map(DiagnosisGateway::seat);
    }

    @Timeout(2000)
    @CircuitBreaker(requestVolumeThreshold = 20, failureRatio = 0.5, delay = 5000, successThreshold = 2,
            skipOn = { ClinicException.class, ServiceTokenException.class })
    @CircuitBreakerName(MOVE)
    @Bulkhead(value = 200, waitingTaskQueue = 1000)
    @Fallback(fallbackMethod = "moveUnavailable", skipOn = ClinicException.class)
    public Uni<Seat> move(UUID reservationId, UUID scheduleId) {
        return withOwnToken(client.move(reservationId, new MoveAppointment(scheduleId))).map(DiagnosisGateway::seat);
    }

    // The cause (a SmallRye Fault Tolerance fallback may take it as a last parameter) goes on, for the trace.
    Uni<Seat> bookUnavailable(UUID reservationId, UUID scheduleId, String petName, String reason, Throwable cause) {
        return Uni.createFrom().failure(new SeatsUnavailableException("diagnosis-service cannot book now", cause));
    }

    Uni<Seat> moveUnavailable(UUID reservationId, UUID scheduleId, Throwable cause) {
        return Uni.createFrom().failure(new SeatsUnavailableException("diagnosis-service cannot move now", cause));
    }

    /**
     * A token the OIDC client could not get (the filter's failure, possibly wrapped by the REST client) becomes a
     * {@link ServiceTokenException} before the fault-tolerance interceptors see it; either kind is logged here.
     */
    private static <T> Uni<T> withOwnToken(Uni<T> call) {
        return call.onFailure(DiagnosisGateway::noTokenObtained)
                .transform(e -> new ServiceTokenException("reservation-service's own token could not be obtained: "
                        + rootMessage(e), false, e))
                .onFailure(ServiceTokenException.class).invoke(e -> {
                    if (((ServiceTokenException) e).refused()) {
                        // Our configuration (or the realm's), not an outage: nobody can book until it is fixed.
                        LOG.error(e.getMessage());
                    } else {
                        LOG.warn(e.getMessage());
                    }
                });
    }

    private static boolean noTokenObtained(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof OidcClientException) {
                return true;
            }
        }
        return false;
    }

    private static String rootMessage(Throwable failure) {
        Throwable root = failure;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getClass().getSimpleName() + ": " + root.getMessage();
    }

    private static Seat seat(AppointmentAnswer answer) {
        return new Seat(answer.scheduleId(), answer.vet(), answer.date(), "AWAITING_APPROVAL".equals(answer.status()));
    }
}
