package io.animalhospital.reservation.client;

import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.faulttolerance.Bulkhead;
import org.eclipse.microprofile.faulttolerance.CircuitBreaker;
import org.eclipse.microprofile.faulttolerance.Fallback;
import org.eclipse.microprofile.faulttolerance.Timeout;
import org.eclipse.microprofile.rest.client.inject.RestClient;

import io.animalhospital.reservation.client.DiagnosisClient.AppointmentAnswer;
import io.animalhospital.reservation.client.DiagnosisClient.BookAppointment;
import io.animalhospital.reservation.client.DiagnosisClient.MoveAppointment;
import io.animalhospital.reservation.domain.ClinicException;
import io.smallrye.mutiny.Uni;

/**
 * The guarded call to diagnosis-service. The annotations' numbers are defaults; application.properties
 * overrides them (MicroProfile Fault Tolerance keys {@code <class>/<method>/<Annotation>/<field>}).
 * Diagnosis's business answers (404, 409: {@link ClinicException}) are answers, not failures: they neither
 * trip the breaker nor fall back.
 */
@ApplicationScoped
public class DiagnosisGateway {

    private final DiagnosisClient client;

    public DiagnosisGateway(@RestClient DiagnosisClient client) {
        this.client = client;
    }

    @Timeout(2000)
    @CircuitBreaker(requestVolumeThreshold = 20, failureRatio = 0.5, delay = 5000, successThreshold = 2,
            skipOn = ClinicException.class)
    @Bulkhead(value = 200, waitingTaskQueue = 1000)
    @Fallback(fallbackMethod = "bookUnavailable", skipOn = ClinicException.class)
    public Uni<AppointmentAnswer> book(BookAppointment request) {
        return client.book(request);
    }

    @Timeout(2000)
    @CircuitBreaker(requestVolumeThreshold = 20, failureRatio = 0.5, delay = 5000, successThreshold = 2,
            skipOn = ClinicException.class)
    @Bulkhead(value = 200, waitingTaskQueue = 1000)
    @Fallback(fallbackMethod = "moveUnavailable", skipOn = ClinicException.class)
    public Uni<AppointmentAnswer> move(UUID reservationId, MoveAppointment request) {
        return client.move(reservationId, request);
    }

    Uni<AppointmentAnswer> bookUnavailable(BookAppointment request) {
        return Uni.createFrom().failure(new DiagnosisUnavailableException("diagnosis-service cannot book now"));
    }

    Uni<AppointmentAnswer> moveUnavailable(UUID reservationId, MoveAppointment request) {
        return Uni.createFrom().failure(new DiagnosisUnavailableException("diagnosis-service cannot move now"));
    }
}
