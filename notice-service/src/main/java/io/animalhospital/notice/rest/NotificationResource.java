package io.animalhospital.notice.rest;

import java.util.List;
import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.server.Cancellable;

import io.animalhospital.notice.domain.ClinicException;
import io.animalhospital.notice.domain.Notification;
import io.animalhospital.notice.domain.NotificationService;
import io.animalhospital.platform.security.Caller;
import io.animalhospital.platform.security.CurrentCaller;
import io.animalhospital.platform.security.Roles;
import io.smallrye.mutiny.Uni;

@Cancellable(false)
@Path("/notifications")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "notifications", description = "What was sent to customers about their reservations, and how it went")
public class NotificationResource {

    private final NotificationService service;
    private final CurrentCaller currentCaller;

    public NotificationResource(NotificationService service, CurrentCaller currentCaller) {
        this.service = service;
        this.currentCaller = currentCaller;
    }

    @GET
    @RolesAllowed({ Roles.CUSTOMER, Roles.STAFF, Roles.ADMIN })
    @Operation(summary = "Notifications of a reservation, or sent to a contact (phone or e-mail); one of the two is required",
            description = "Staff read every notification. A customer reads those of their own reservations (another "
                    + "reservation: 404) and those sent to their own phone (another recipient: 403).")
    @APIResponse(responseCode = "200", description = "The notifications, oldest first")
    @APIResponse(responseCode = "400", description = "Neither parameter, or a reservationId that is not a UUID")
    @APIResponse(responseCode = "403", description = "A customer asked about another recipient than their phone")
    @APIResponse(responseCode = "404", description = "A customer asked about a reservation that is not theirs")
    public Uni<List<NotificationView>> find(
            @Parameter(description = "the reservation's id (UUID)") @QueryParam("reservationId") String reservationId,
            @Parameter(description = "a phone number or e-mail address") @QueryParam("recipient") String recipient) {
        boolean byReservation = reservationId != null && !reservationId.isBlank();
        boolean byRecipient = recipient != null && !recipient.isBlank();
        if (!byReservation && !byRecipient) {
            throw new ClinicException(ClinicException.Reason.UNBOUNDED_SEARCH,
                    "Give reservationId or recipient, e.g. /notifications?reservationId=<uuid>");
        }
        Caller caller = currentCaller.get();
        Uni<List<Notification>> found;
        if (byReservation) {
            UUID id = uuid(reservationId.strip());
            found = byRecipient ? service.byReservationAndRecipient(id, recipient, caller)
                    : service.byReservation(id, caller);
        } else {
            found = service.byRecipient(recipient, caller);
        }
        return found.map(list -> list.stream().map(NotificationView::of).toList());
    }

    private static UUID uuid(String value) {
        try {
            return UUID.fromString(value);
        } catch (IllegalArgumentException e) {
            throw new ClinicException(ClinicException.Reason.INVALID_RESERVATION_ID,
                    "reservationId '" + value + "' is not a UUID");
        }
    }
}
