package io.animalhospital.reservation.client;

import java.net.URI;
import java.time.LocalDate;
import java.util.UUID;

import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;
import org.jboss.resteasy.reactive.ClientWebApplicationException;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

import io.animalhospital.reservation.domain.ClinicException;
import io.animalhospital.reservation.domain.ClinicException.Reason;
import io.quarkus.oidc.client.filter.OidcClientFilter;
import io.quarkus.rest.client.reactive.ClientExceptionMapper;
import io.smallrye.mutiny.Uni;

/**
 * diagnosis-service's appointment API, the one synchronous call of the system. Do not call it directly:
 * {@link DiagnosisGateway} guards it with timeout, circuit breaker, bulkhead and fallback. Each call carries
 * reservation-service's own client-credentials token (role {@code reservation-service}), which the filter gets from
 * Keycloak once and keeps until it expires.
 */
@RegisterRestClient(configKey = "diagnosis")
@OidcClientFilter
@Path("/appointments")
public interface DiagnosisClient {

    record BookAppointment(UUID reservationId, UUID scheduleId, String petName, String reason) {
    }

    record MoveAppointment(UUID scheduleId) {
    }

    /** The part of diagnosis's appointment that a reservation copies. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record AppointmentAnswer(UUID reservationId, UUID scheduleId, String status, String vet, LocalDate date) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    record Problem(URI type, String title, String detail) {
    }

    @POST
    Uni<AppointmentAnswer> book(BookAppointment request);

    @PUT
    @Path("/{reservationId}/schedule")
    Uni<AppointmentAnswer> move(@PathParam("reservationId") UUID reservationId, MoveAppointment request);

    /**
     * Diagnosis's business answers (404, 409) become the clinic's; a refused token (401, 403) is ours to fix, not a
     * failure of diagnosis; anything else is a failure of the call.
     */
    @ClientExceptionMapper
    static RuntimeException toException(Response response) {
        int status = response.getStatus();
        if (status == 401 || status == 403) {
            return new ServiceTokenException("diagnosis-service answered " + status + " to reservation-service's own"
                    + " token: check the client reservation-service in Keycloak (role reservation-service, audience)"
                    + " and quarkus.oidc-client.*", true, null);
        }
        if (status != 404 && status != 409) {
            return new ClientWebApplicationException("diagnosis-service answered " + status, status);
        }
        Problem problem = null;
        try {
            problem = response.readEntity(Problem.class);
        } catch (RuntimeException e) {
            // A body that is not a problem document still carries the status.
        }
        String type = problem == null || problem.type() == null ? "" : problem.type().getPath();
        String detail = problem != null && problem.detail() != null ? problem.detail() : "diagnosis-service answered " + status;
        return new ClinicException(reason(status, type.substring(type.lastIndexOf('/') + 1)), detail);
    }

    /** diagnosis-service's problem types ({@code schedule-full}, ...) in this service's words. */
    private static Reason reason(int status, String type) {
        return switch (type) {
            case "schedule-not-found" -> Reason.SCHEDULE_NOT_FOUND;
            case "appointment-not-found" -> Reason.APPOINTMENT_NOT_FOUND;
            case "schedule-full" -> Reason.SCHEDULE_FULL;
            case "schedule-withdrawn" -> Reason.SCHEDULE_WITHDRAWN;
            case "day-passed" -> Reason.DAY_PASSED;
            default -> status == 404 ? Reason.SCHEDULE_NOT_FOUND : Reason.SEAT_REFUSED;
        };
    }
}
