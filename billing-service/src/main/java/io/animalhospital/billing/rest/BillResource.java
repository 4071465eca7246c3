package io.animalhospital.billing.rest;

import java.net.URI;
import java.util.List;
import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.BadRequestException;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.jboss.resteasy.reactive.RestResponse;
import org.jboss.resteasy.reactive.server.Cancellable;

import io.animalhospital.billing.domain.BillStatus;
import io.animalhospital.billing.domain.BillingDesk;
import io.animalhospital.billing.domain.Bills;
import io.animalhospital.billing.domain.ClinicException;
import io.animalhospital.platform.json.StrictJson;
import io.animalhospital.platform.paging.ListParameters;
import io.animalhospital.platform.paging.PageRequest;
import io.animalhospital.platform.paging.Paged;
import io.animalhospital.platform.security.CurrentCaller;
import io.animalhospital.platform.security.Roles;
import io.smallrye.mutiny.Uni;

@Cancellable(false)
@Path("/bills")
@Produces(MediaType.APPLICATION_JSON)
public class BillResource {

    /** A retried payment answered from the first one carries this header (the body and status are the same). */
    static final String REPLAYED = "Idempotent-Replayed";
    private static final int MAX_KEY_LENGTH = 255;

    private final BillingDesk desk;
    private final CurrentCaller currentCaller;

    public BillResource(BillingDesk desk, CurrentCaller currentCaller) {
        this.desk = desk;
        this.currentCaller = currentCaller;
    }

    @GET
    @Path("/{id}")
    @RolesAllowed({ Roles.CUSTOMER, Roles.STAFF, Roles.ADMIN })
    @Operation(summary = "A bill", description = "Staff read every bill, a customer the bills of their own reservations.")
    @APIResponse(responseCode = "200", description = "The bill")
    @APIResponse(responseCode = "404", description = "No such bill, or not the caller's")
    public Uni<BillView> get(@PathParam("id") String id) {
        return desk.find(billId(id), currentCaller.get())
                .onItem().ifNull().failWith(() -> ClinicException.billNotFound(id))
                .map(BillView::of);
    }

    @GET
    @RolesAllowed({ Roles.CUSTOMER, Roles.STAFF, Roles.ADMIN })
    @Operation(summary = "Bills, one page, ordered by issuedAt, id", description = "Filters, both optional: `status` "
            + "(`ISSUED` = unpaid, `PAID`), `reservationId`. Staff see every bill, a customer the bills of their own "
            + "reservations (naming another's reservation is a 404, also while billing has not yet learnt whose it "
            + "is). Paginated (`page`, `size` 1..100, default 20): `X-Total-Count` and `Link` headers (decision 0060).")
    @APIResponse(responseCode = "200", description = "One page of bills, possibly none", headers = {
            @Header(name = Paged.TOTAL_COUNT, description = "Bills matching the filters, all pages"),
            @Header(name = Paged.LINK, description = "RFC 8288 first, prev, next, last pages") })
    @APIResponse(responseCode = "400", description = "reservationId not a UUID, an unknown status, a page or size out of range")
    @APIResponse(responseCode = "404", description = "A customer asked about a reservation that is not theirs")
    public Uni<RestResponse<List<BillView>>> list(@QueryParam("status") String status,
            @QueryParam("reservationId") String reservationId, @Valid @BeanParam PageRequest page,
            @Context UriInfo uri) {
        Bills.Search search = new Bills.Search(ListParameters.oneOf("status", status, BillStatus.class),
                ListParameters.uuid("reservationId", reservationId == null ? null : reservationId.trim()), null);
        return desk.search(search, currentCaller.get(), page)
                .map(found -> found.map(BillView::of).toResponse(page, uri));
    }

    @POST
    @Path("/{id}/payments")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({ Roles.CUSTOMER, Roles.STAFF, Roles.ADMIN })
    @Operation(summary = "Pay a bill", description = "The owner pays their own bill; staff record a payment at the "
            + "desk. Who it was is kept and shown as paidBy. The amount must equal the total. A retry with the same "
            + "Idempotency-Key returns the first answer and pays nothing more.")
    @APIResponse(responseCode = "201", description = "The bill after payment (also for a retry of that payment)")
    @APIResponse(responseCode = "400", description = "Malformed or invalid request, or no Idempotency-Key")
    @APIResponse(responseCode = "404", description = "No such bill, or not the caller's")
    @APIResponse(responseCode = "409", description = "The bill was paid under another Idempotency-Key")
    @APIResponse(responseCode = "422", description = "The amount is not the bill's total, or the key was used "
            + "for a different payment")
    public Uni<Response> pay(@PathParam("id") String id,
            @Parameter(description = "Client-chosen, unique per payment attempt (1-255 characters)", required = true)
            @HeaderParam("Idempotency-Key") String idempotencyKey,
            @Valid @NotNull PaymentRequest request) {
        if (idempotencyKey == null || idempotencyKey.isBlank()) {
            throw new BadRequestException("Header Idempotency-Key is required");
        }
        if (idempotencyKey.length() > MAX_KEY_LENGTH) {
            throw new BadRequestException("Header Idempotency-Key is longer than " + MAX_KEY_LENGTH + " characters");
        }
        if (StrictJson.hasControlCharacters(idempotencyKey)) {
            // Stored and compared with later retries. Vert.x's HTTP/1.1 codec already refuses these; this keeps the
            // rule where the key is read, whatever the transport.
            throw new BadRequestException("Header Idempotency-Key contains control characters");
        }
        return desk.pay(billId(id), idempotencyKey, request.amount(), request.method(), currentCaller.get())
                .map(outcome -> {
                    Response.ResponseBuilder response = Response.created(URI.create("/bills/" + outcome.bill().id))
                            .entity(BillView.of(outcome.bill()));
                    return (outcome.replayed() ? response.header(REPLAYED, "true") : response).build();
                });
    }

    /** An id that is not a UUID names no bill. */
    private static UUID billId(String id) {
        try {
            return UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            throw ClinicException.billNotFound(id);
        }
    }
}
