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
import io.animalhospital.reservation.domain.Seat;
import io.animalhospital.reservation.domain.Seats;
import io.animalhospital.reservation.domain.SeatsUnavailableException;
import io.smallrye.mutiny.Uni;

/**
 * The guarded call to diagnosis-service. The annotations' numbers are defaults; application.properties
 * overrides them (MicroProfile Fault Tolerance keys {@code <class>/<method>/<Annotation>/<field>}).
 * Diagnosis's business answers ({@link ClinicException}) are answers, not failures: they neither trip the breaker
 * nor fall back.
 */
@ApplicationScoped
public class DiagnosisGateway implements Seats {

    private final DiagnosisClient client;

    public DiagnosisGateway(@RestClient DiagnosisClient client) {
        this.client = client;
    }

    @Override
    @Timeout(2000)
    @CircuitBreaker(requestVolumeThreshold = 20, failureRatio = 0.5, delay = 5000, successThreshold = 2,
            skipOn = ClinicException.class)
    @Bulkhead(value = 200, waitingTaskQueue = 1000)
    @Fallback(fallbackMethod = "bookUnavailable", skipOn = ClinicException.class)
    public Uni<Seat> book(UUID reservationId, UUID scheduleId, String petName, String reason) {
        return client.book(new BookAppointment(reservationId, scheduleId, petName, reason)).map(DiagnosisGateway::seat);
    }

    @Override
    @Timeout(2000)
    @CircuitBreaker(requestVolumeThreshold = 20, failureRatio = 0.5, delay = 5000, successThreshold = 2,
            skipOn = ClinicException.class)
    @Bulkhead(value = 200, waitingTaskQueue = 1000)
    @Fallback(fallbackMethod = "moveUnavailable", skipOn = ClinicException.class)
    public Uni<Seat> move(UUID reservationId, UUID scheduleId) {
        return client.move(reservationId, new MoveAppointment(scheduleId)).map(DiagnosisGateway::seat);
    }

    Uni<Seat> bookUnavailable(UUID reservationId, UUID scheduleId, String petName, String reason) {
        return Uni.createFrom().failure(new SeatsUnavailableException("diagnosis-service cannot book now"));
    }

    Uni<Seat> moveUnavailable(UUID reservationId, UUID scheduleId) {
        return Uni.createFrom().failure(new SeatsUnavailableException("diagnosis-service cannot move now"));
    }

    private static Seat seat(AppointmentAnswer answer) {
        return new Seat(answer.scheduleId(), answer.vet(), answer.date(), "AWAITING_APPROVAL".equals(answer.status()));
    }
}
