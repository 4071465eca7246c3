package io.animalhospital.notice.rest;

import java.util.List;
import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.UriInfo;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestResponse;
import org.jboss.resteasy.reactive.server.Cancellable;

import io.animalhospital.notice.domain.Audience;
import io.animalhospital.notice.domain.ClinicException;
import io.animalhospital.notice.domain.NotificationService;
import io.animalhospital.notice.domain.NotificationStatus;
import io.animalhospital.notice.domain.Notifications;
import io.animalhospital.platform.paging.ListParameters;
import io.animalhospital.platform.paging.PageRequest;
import io.animalhospital.platform.paging.Paged;
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
    @Operation(summary = "Notifications, one page, ordered by createdAt, id",
            description = "Filters, all optional and combined: `status` (`PENDING`, `SENT`, `FAILED`), `reservationId`, "
                    + "`recipient` (a phone or e-mail address), `audience` (staff). Staff read every notification. A customer reads "
                    + "those of their own reservations (another reservation: 404), those sent to their own phone "
                    + "(another recipient: 403), and without either, everything sent to their phone. Paginated "
                    + "(`page`, `size` 1..100, default 20): `X-Total-Count` and `Link` headers (decision 0060).")
    @APIResponse(responseCode = "200", description = "One page of notifications", headers = {
            @Header(name = Paged.TOTAL_COUNT, description = "Notifications matching the filters, all pages"),
            @Header(name = Paged.LINK, description = "RFC 8288 first, prev, next, last pages") })
    @APIResponse(responseCode = "400", description = "A reservationId that is not a UUID, an unknown status, a page "
            + "or size out of range")
    @APIResponse(responseCode = "403", description = "A customer asked about another recipient than their phone")
    @APIResponse(responseCode = "404", description = "A customer asked about a reservation that is not theirs")
    public Uni<RestResponse<List<NotificationView>>> find(
            @Parameter(description = "PENDING, SENT or FAILED") @QueryParam("status") String status,
            @Parameter(description = "the reservation's id (UUID)") @QueryParam("reservationId") String reservationId,
            @Parameter(description = "a phone number or e-mail address") @QueryParam("recipient") String recipient,
            @Parameter(description = "staff: CUSTOMER (what customers were sent, e.g. to count them) or CLINIC (the "
                    + "clinic's own); a customer's list is always CUSTOMER") @QueryParam("audience") String audience,
            @Valid @BeanParam PageRequest page, @Context UriInfo uri) {
        Notifications.Search search = new Notifications.Search(
                ListParameters.oneOf("status", status, NotificationStatus.class),
                reservationId == null || reservationId.isBlank() ? null : uuid(reservationId.strip()),
                recipient == null || recipient.isBlank() ? null : recipient, null,
                ListParameters.oneOf("audience", audience, Audience.class));
        return service.search(search, currentCaller.get(), page)
                .map(found -> found.map(NotificationView::of).toResponse(page, uri));
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
