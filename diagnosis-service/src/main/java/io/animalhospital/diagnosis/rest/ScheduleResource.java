package io.animalhospital.diagnosis.rest;

import java.net.URI;
import java.util.List;
import java.util.UUID;

import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
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
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestResponse;
import org.jboss.resteasy.reactive.server.Cancellable;

import io.animalhospital.diagnosis.domain.ScheduleService;
import io.animalhospital.diagnosis.domain.Schedules;
import io.animalhospital.diagnosis.rest.ScheduleDtos.NewSchedule;
import io.animalhospital.diagnosis.rest.ScheduleDtos.ScheduleChange;
import io.animalhospital.diagnosis.rest.ScheduleDtos.ScheduleView;
import io.animalhospital.platform.paging.InvalidParameterException;
import io.animalhospital.platform.paging.ListParameters;
import io.animalhospital.platform.paging.PageRequest;
import io.animalhospital.platform.paging.Paged;
import io.animalhospital.platform.security.CurrentCaller;
import io.animalhospital.platform.security.Roles;
import io.smallrye.mutiny.Uni;

/** Anyone reads schedules and their availability; staff (admin included) open, resize and withdraw them (SPEC §7). */
@Cancellable(false)
@Path("/schedules")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "schedules", description = "Vets' clinic days with a capacity (staff)")
public class ScheduleResource {

    private final ScheduleService service;
    private final CurrentCaller currentCaller;

    public ScheduleResource(ScheduleService service, CurrentCaller currentCaller) {
        this.service = service;
        this.currentCaller = currentCaller;
    }

    @POST
    @RolesAllowed({ Roles.STAFF, Roles.ADMIN })
    @Operation(summary = "Open a vet's clinic day (not one that has passed in the clinic's time zone)")
    public Uni<Response> create(@Valid @NotNull NewSchedule request) {
        return service.create(request.vet(), request.date(), request.capacity(),
                Boolean.TRUE.equals(request.approvalRequired()), currentCaller.get())
                .map(s -> Response.created(URI.create("/schedules/" + s.id)).entity(ScheduleView.of(s)).build());
    }

    @GET
    @PermitAll
    @Operation(summary = "Open schedules, one page, ordered by date, vet, id",
            description = "Filters, all optional and combined: `date` (one day), `vet`, `from`..`to` (days, "
                    + "inclusive), `available=true` (only schedules with a seat left). Paginated (`page`, `size` "
                    + "1..100, default 20): `X-Total-Count` and `Link` headers (decision 0060).")
    @APIResponse(responseCode = "200", description = "One page of schedules", headers = {
            @Header(name = Paged.TOTAL_COUNT, description = "Schedules matching the filters, all pages"),
            @Header(name = Paged.LINK, description = "RFC 8288 first, prev, next, last pages") })
    public Uni<RestResponse<List<ScheduleView>>> search(@QueryParam("date") String date, @QueryParam("vet") String vet,
            @QueryParam("from") String from, @QueryParam("to") String to, @QueryParam("available") String available,
            @Valid @BeanParam PageRequest page, @Context UriInfo uri) {
        Schedules.Search search = new Schedules.Search(ListParameters.date("date", date), vet,
                ListParameters.date("from", from), ListParameters.date("to", to),
                ListParameters.flag("available", available));
        if (search.from() != null && search.to() != null && search.to().isBefore(search.from())) {
            throw new InvalidParameterException("to", "must not be before from");
        }
        return service.search(search, page).map(found -> found.map(ScheduleView::of).toResponse(page, uri));
    }

    @GET
    @Path("/{id}")
    @PermitAll
    public Uni<ScheduleView> get(@PathParam("id") UUID id) {
        return service.get(id).map(ScheduleView::of);
    }

    @PATCH
    @Path("/{id}")
    @RolesAllowed({ Roles.STAFF, Roles.ADMIN })
    @Operation(summary = "Resize (not below the active appointments) or change approval")
    public Uni<ScheduleView> update(@PathParam("id") UUID id, @Valid @NotNull ScheduleChange change) {
        return service.update(id, change.capacity(), change.approvalRequired(), currentCaller.get())
                .map(ScheduleView::of);
    }

    @DELETE
    @Path("/{id}")
    @RolesAllowed({ Roles.STAFF, Roles.ADMIN })
    @Operation(summary = "Withdraw: every active appointment is cancelled by the clinic")
    public Uni<ScheduleView> withdraw(@PathParam("id") UUID id) {
        return service.withdraw(id, currentCaller.get()).map(ScheduleView::of);
    }
}
