package io.animalhospital.reservation.client;

import java.time.LocalDate;
import java.util.UUID;

import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;
import org.jboss.resteasy.reactive.ClientWebApplicationException;
import io.quarkus.rest.client.reactive.ClientExceptionMapper;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

import io.animalhospital.reservation.domain.ClinicException;
import io.smallrye.mutiny.Uni;

/**
 * diagnosis-service's appointment API, the one synchronous call of the system. Do not call it directly:
 * {@link DiagnosisGateway} guards it with timeout, circuit breaker, bulkhead and fallback.
 */
@RegisterRestClient(configKey = "diagnosis")
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
    record Problem(String title, String detail) {
    }

    @POST
    Uni<AppointmentAnswer> book(BookAppointment request);

    @PUT
    @Path("/{reservationId}/schedule")
    Uni<AppointmentAnswer> move(@PathParam("reservationId") UUID reservationId, MoveAppointment request);

    /** Diagnosis's business answers become ours (404, 409); anything else is a failure of the call. */
    @ClientExceptionMapper
    static RuntimeException toException(Response response) {
        int status = response.getStatus();
        if (status != 404 && status != 409) {
            return new ClientWebApplicationException("diagnosis-service answered " + status, status);
        }
        Problem problem = null;
        try {
            problem = response.readEntity(Problem.class);
        } catch (RuntimeException e) {
            // A body that is not a problem document still carries the status.
        }
        String title = problem != null && problem.title() != null ? problem.title()
                : status == 404 ? "Schedule not found" : "Schedule full";
        String detail = problem != null && problem.detail() != null ? problem.detail() : title;
        return new ClinicException(status, title, detail);
    }
}
