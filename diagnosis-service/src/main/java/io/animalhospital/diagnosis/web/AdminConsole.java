package io.animalhospital.diagnosis.web;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import org.eclipse.microprofile.rest.client.inject.RestClient;
import org.jboss.resteasy.reactive.server.Cancellable;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import io.animalhospital.diagnosis.web.client.ApiViews.DeadLetter;
import io.animalhospital.diagnosis.web.client.BillingApi;
import io.animalhospital.diagnosis.web.client.DeadLetters;
import io.animalhospital.diagnosis.web.client.DiagnosisApi;
import io.animalhospital.diagnosis.web.client.LookupApi;
import io.animalhospital.diagnosis.web.client.NoticeApi;
import io.animalhospital.diagnosis.web.client.ReservationApi;
import io.animalhospital.platform.security.Roles;
import io.quarkus.qute.Location;
import io.quarkus.qute.Template;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import io.quarkus.qute.TemplateData;

/**
 * Operations (admin only, SPEC §7): rebuild lookup-service's view, and each consuming service's dead letters,
 * listed and replayed. A service that cannot be reached is said so in its own section; the others still show.
 */
@Cancellable(false)
@Path("/staff/admin")
@Produces(MediaType.TEXT_HTML)
public class AdminConsole {

    /** The consuming services, in the order the page lists them. */
    private final Map<String, DeadLetters> services;
    private final LookupApi lookup;
    private final Pages pages;
    private final Problems problems;
    private final SecurityIdentity identity;
    private final Template admin;
    private final Template forbidden;

    @Context
    HttpHeaders headers;
    @Context
    UriInfo uri;

    public AdminConsole(@RestClient ReservationApi reservation, @RestClient DiagnosisApi diagnosis,
            @RestClient BillingApi billing, @RestClient NoticeApi notice, @RestClient LookupApi lookup, Pages pages,
            Problems problems, SecurityIdentity identity, @Location("staff/admin.html") Template admin,
            @Location("staff/forbidden.html") Template forbidden) {
        this.services = new LinkedHashMap<>();
        services.put("reservation", reservation);
        services.put("diagnosis", diagnosis);
        services.put("billing", billing);
        services.put("notice", notice);
        services.put("lookup", lookup);
        this.lookup = lookup;
        this.pages = pages;
        this.problems = problems;
        this.identity = identity;
        this.admin = admin;
        this.forbidden = forbidden;
    }

    @GET
    @RolesAllowed(Roles.ADMIN)
    public Uni<Response> page(@QueryParam("done") String done, @QueryParam("lang") String lang) {
        Pages.Request request = request(lang);
        String notice = "rebuilt".equals(done) ? request.msg().rebuildStarted()
                : "replayed".equals(done) ? request.msg().replayDone() : null;
        return adminPage(request, notice, Shown.none());
    }

    @POST
    @Path("/rebuild")
    @RolesAllowed(Roles.ADMIN)
    public Uni<Response> rebuild(@QueryParam("lang") String lang) {
        Pages.Request request = request(lang);
        return lookup.rebuild().map(r -> Pages.seeOther("/staff/admin?done=rebuilt"))
                .onFailure().recoverWithUni(failure -> adminPage(request, null, problems.show(failure, request.lang())));
    }

    @POST
    @Path("/dead-letters/{service}/{topic}/{partition}/{offset}/replay")
    @RolesAllowed(Roles.ADMIN)
    public Uni<Response> replay(@PathParam("service") String service, @PathParam("topic") String topic,
            @PathParam("partition") int partition, @PathParam("offset") long offset, @QueryParam("lang") String lang) {
        Pages.Request request = request(lang);
        DeadLetters api = services.get(service);
        if (api == null) {
            return adminPage(request, null, new Shown(404, request.msg().problemNotFound(), Map.of()));
        }
        return api.replay(topic, partition, offset).map(r -> Pages.seeOther("/staff/admin?done=replayed"))
                .onFailure().recoverWithUni(failure -> adminPage(request, null, problems.show(failure, request.lang())));
    }

    /** One section per service: its dead letters (newest first), or why they cannot be shown. */
    @TemplateData
    public record Section(String service, List<DeadLetter> deadLetters, Shown problem) {
    }

    private Uni<Response> adminPage(Pages.Request request, String notice, Shown shown) {
        List<Uni<Section>> sections = new ArrayList<>();
        services.forEach((name, api) -> sections.add(api.deadLetters(0, Paging.SIZE)
                .map(response -> new Section(name, response.getEntity() == null ? List.of() : response.getEntity(),
                        Shown.none()))
                .onFailure().recoverWithItem(failure -> new Section(name, List.of(),
                        problems.show(failure, request.lang())))));
        return Uni.join().all(sections).andCollectFailures().flatMap(list -> {
            Map<String, Object> data = new HashMap<>();
            data.put("sections", list);
            data.put("notice", notice);
            data.put("problem", shown);
            return pages.render(admin, request, "admin", shown.any() ? shown.status() : 200, data);
        });
    }

    /** Staff who are not admins: a page that says this one is for the clinic's operators. */
    @ServerExceptionMapper
    public Uni<Response> notAdmin(ForbiddenException e) {
        Map<String, Object> data = new HashMap<>();
        data.put("adminOnly", identity.hasRole(Roles.STAFF));
        return pages.render(forbidden, request(uri.getQueryParameters().getFirst("lang")), "", 403, data);
    }

    private Pages.Request request(String lang) {
        return new Pages.Request(identity, headers, uri, lang);
    }
}
