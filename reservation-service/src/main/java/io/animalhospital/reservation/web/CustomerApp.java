package io.animalhospital.reservation.web;

import java.net.URI;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;

import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.rest.client.inject.RestClient;
import org.jboss.resteasy.reactive.RestForm;
import org.jboss.resteasy.reactive.RestStreamElementType;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import io.animalhospital.platform.security.Roles;
import io.animalhospital.reservation.web.Views.BookingForm;
import io.animalhospital.reservation.web.Views.Detail;
import io.animalhospital.reservation.web.Views.Pager;
import io.animalhospital.reservation.web.Views.ProblemView;
import io.animalhospital.reservation.web.client.Api;
import io.animalhospital.reservation.web.client.ApiProblem;
import io.animalhospital.reservation.web.client.BillsApi;
import io.animalhospital.reservation.web.client.NotificationsApi;
import io.animalhospital.reservation.web.client.ReservationsApi;
import io.animalhospital.reservation.web.client.SchedulesApi;
import io.animalhospital.reservation.web.client.StatusApi;
import io.quarkus.oidc.AccessTokenCredential;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import io.quarkus.security.identity.CurrentIdentityAssociation;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.vertx.http.runtime.security.ChallengeData;
import io.quarkus.vertx.http.runtime.security.HttpAuthenticator;
import io.quarkus.security.AuthenticationRedirectException;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.ext.web.RoutingContext;

/**
 * The customers' app (SPEC §8): find a vet's free days, book, follow and change a reservation, pay its bill. Pages
 * are rendered here; every piece of data comes from the APIs, called with the signed-in customer's access token
 * (sign-in: the OIDC tenant {@value #TENANT}, code flow with PKCE). The free days are public; the rest is a
 * customer's. A failed call is shown in words (the problem's type), never as a stack trace.
 */
@Path("/app")
@Produces(MediaType.TEXT_HTML)
public class CustomerApp {

    static final String TENANT = "web";
    private static final String HTML = MediaType.TEXT_HTML + ";charset=UTF-8";
    private static final List<String> METHODS = List.of("CARD", "CASH", "TRANSFER");

    @CheckedTemplate(basePath = "app")
    static class Templates {
        static native TemplateInstance index(Page page, List<Api.Schedule> schedules, Pager pager,
                ProblemView problem, String date, String vet);

        static native TemplateInstance book(Page page, Api.Schedule schedule, String scheduleId, BookingForm form,
                ProblemView problem, String idempotencyKey);

        static native TemplateInstance reservations(Page page, List<Api.Reservation> reservations, Pager pager,
                ProblemView problem);

        static native TemplateInstance reservation(Page page, Detail detail, String done, ProblemView problem,
                List<String> methods);

        static native TemplateInstance notFound(Page page);

        static native TemplateInstance staff(Page page);

        static native TemplateInstance problem(Page page, ProblemView problem);
    }

    private final ReservationsApi reservations;
    private final SchedulesApi schedules;
    private final BillsApi bills;
    private final NotificationsApi notifications;
    private final StatusApi status;
    private final SecurityIdentity identity;
    private final CurrentIdentityAssociation identities;
    private final WebConfig config;

    public CustomerApp(@RestClient ReservationsApi reservations, @RestClient SchedulesApi schedules,
            @RestClient BillsApi bills, @RestClient NotificationsApi notifications, @RestClient StatusApi status,
            SecurityIdentity identity, CurrentIdentityAssociation identities, WebConfig config) {
        this.reservations = reservations;
        this.schedules = schedules;
        this.bills = bills;
        this.notifications = notifications;
        this.status = status;
        this.identity = identity;
        this.identities = identities;
        this.config = config;
    }

    // --- Public: the free days, signing in and out.

    @GET
    @Path("/")
    @PermitAll
    public Uni<TemplateInstance> index(RoutingContext request, @QueryParam("date") String dateText,
            @QueryParam("vet") String vetText, @QueryParam("page") @DefaultValue("0") int pageNumber) {
        LocalDate date = date(dateText);
        String vet = vetText == null || vetText.isBlank() ? null : vetText.strip();
        int page = Math.max(0, pageNumber);
        int size = config.pageSize();
        LocalDate today = LocalDate.now(config.timeZone());
        return whoever().flatMap(who -> {
            Page frame = Page.of(request, who);
            return schedules.free(today, date, vet, true, page, size)
                    .map(response -> {
                        // Kept to the free days from today whatever the API's filters, in the documented order.
                        List<Api.Schedule> free = response.getEntity().stream()
                                .filter(s -> !s.date().isBefore(today) && s.available() > 0)
                                .sorted(Comparator.comparing(Api.Schedule::date).thenComparing(Api.Schedule::vet)
                                        .thenComparing(s -> s.id().toString()))
                                .toList();
                        return localised(frame, Templates.index(frame, free, Pager.of(response, page, size), null,
                                date == null ? "" : date.toString(), vet == null ? "" : vet));
                    })
                    .onFailure(ApiProblem::isCallFailure).recoverWithItem(failure -> localised(frame,
                            Templates.index(frame, List.of(), new Pager(page, false, false),
                                    ProblemView.of(ApiProblem.of(failure)), dateText == null ? "" : dateText,
                                    vet == null ? "" : vet)));
        });
    }

    /** Signing in: the code flow runs before this (any role), then back to the free days. */
    @GET
    @Path("/signin")
    @RolesAllowed("**")
    public Response signIn() {
        return seeOther("/app/");
    }

    /** Signing up: Keycloak's registration page ({@link SignUp}), then back to the free days, signed in. */
    @GET
    @Path("/signup")
    @RolesAllowed("**")
    public Response signUp() {
        return seeOther("/app/");
    }

    /**
     * Signing out: authenticating the request lets the tenant see its logout path and send the browser to Keycloak's
     * end of session, which returns to the free days; without a session there is nothing to end.
     */
    @GET
    @Path("/logout")
    @PermitAll
    public Uni<Response> logout() {
        return identities.getDeferredIdentity().map(who -> seeOther("/app/"));
    }

    // --- Booking.

    @GET
    @Path("/book")
    @RolesAllowed(Roles.CUSTOMER)
    public Uni<TemplateInstance> bookingForm(RoutingContext request, @QueryParam("scheduleId") String scheduleId) {
        Page frame = Page.of(request, identity);
        BookingForm empty = BookingForm.empty(frame.name());
        return schedule(scheduleId)
                .map(schedule -> localised(frame, Templates.book(frame, schedule, scheduleId, empty, null, newKey())))
                .onFailure(ApiProblem::isCallFailure).recoverWithItem(failure -> localised(frame, Templates.book(frame,
                        null, scheduleId, empty, ProblemView.of(ApiProblem.of(failure)), newKey())));
    }

    /**
     * Places the reservation under the form's Idempotency-Key (one per rendered form, so a double submit books
     * once) and goes to its page; a problem brings the form back, filled in, with the words next to the fields.
     */
    @POST
    @Path("/book")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @RolesAllowed(Roles.CUSTOMER)
    public Uni<Response> book(RoutingContext request, @RestForm String scheduleId, @RestForm String ownerName,
            @RestForm String email, @RestForm String petName, @RestForm String species, @RestForm String reason,
            @RestForm String idempotencyKey) {
        Page frame = Page.of(request, identity);
        BookingForm form = new BookingForm(text(ownerName), text(email), text(petName), text(species), text(reason));
        String key = idempotencyKey == null || !idempotencyKey.matches("[0-9a-f-]{36}") ? newKey() : idempotencyKey;
        Optional<UUID> schedule = uuid(scheduleId);
        if (schedule.isEmpty()) {
            return html(Templates.book(frame, null, scheduleId, form, ProblemView.of(notFound("schedule-not-found")), newKey()),
                    frame, 404);
        }
        Api.NewReservation placement = new Api.NewReservation(schedule.get(), form.ownerName(), blankToNull(form.email()),
                form.petName(), form.species(), blankToNull(form.reason()));
        return reservations.place(bearer(), key, placement)
                .map(placed -> seeOther("/app/reservations/" + placed.id()))
                .onFailure(ApiProblem::isCallFailure).recoverWithUni(failure -> {
                    ApiProblem problem = ApiProblem.of(failure);
                    return schedule(scheduleId).onFailure().recoverWithNull()
                            .flatMap(shown -> html(Templates.book(frame, shown, scheduleId, form,
                                    ProblemView.of(problem), newKey()), frame, problem.status()))
                            .map(response -> withRetryAfter(response, problem));
                });
    }

    // --- The customer's reservations.

    @GET
    @Path("/reservations")
    @RolesAllowed(Roles.CUSTOMER)
    public Uni<TemplateInstance> reservations(RoutingContext request, @QueryParam("page") @DefaultValue("0") int pageNumber) {
        Page frame = Page.of(request, identity);
        int page = Math.max(0, pageNumber);
        int size = config.pageSize();
        return reservations.mine(bearer(), page, size)
                .map(response -> localised(frame, Templates.reservations(frame, response.getEntity(),
                        Pager.of(response, page, size), null)))
                .onFailure(failure -> ApiProblem.isCallFailure(failure) && ApiProblem.of(failure).status() != 401)
                .recoverWithItem(failure -> localised(frame, Templates.reservations(frame, List.of(),
                        new Pager(page, false, false), ProblemView.of(ApiProblem.of(failure)))));
    }

    /**
     * One reservation: its own data decides (another customer's is the API's 404, shown as not found); what the other
     * services add (appointment, bill, notifications, the vet's other free days) is left out while they cannot answer.
     */
    @GET
    @Path("/reservations/{id}")
    @RolesAllowed(Roles.CUSTOMER)
    public Uni<TemplateInstance> reservation(RoutingContext request, @PathParam("id") String idText,
            @QueryParam("done") String done, @QueryParam("problem") String problem, @QueryParam("retry") String retry) {
        Page frame = Page.of(request, identity);
        UUID id = uuid(idText).orElseThrow(() -> notFound("reservation-not-found"));
        String bearer = bearer();
        return reservations.get(bearer, id).flatMap(reservation -> {
            Uni<Optional<Api.StatusView>> view = optional(status.get(bearer, id));
            Uni<Optional<List<Api.Bill>>> bill = optional(bills.forReservation(bearer, id));
            Uni<Optional<List<Api.Notification>>> sent = optional(notifications.forReservation(bearer, id));
            Uni<List<Api.Schedule>> otherDays = reservation.open() ? otherDays(reservation) : Uni.createFrom().item(List.of());
            return Uni.combine().all().unis(view, bill, sent, otherDays).asTuple().map(parts -> {
                Api.Bill theBill = parts.getItem2().flatMap(list -> list.stream().findFirst()).orElse(null);
                Detail detail = new Detail(reservation,
                        parts.getItem1().map(Api.StatusView::appointmentStatus).orElse(null), theBill,
                        parts.getItem2().isEmpty(), parts.getItem3().orElse(List.of()), parts.getItem3().isEmpty(),
                        parts.getItem4(), newKey());
                return localised(frame, Templates.reservation(frame, detail, done(done),
                        ProblemView.fromQuery(problem, retry), METHODS));
            });
        });
    }

    /**
     * The live status (server-sent events on this origin): lookup-service's stream of the reservation's view, relayed
     * with the customer's token, each change as {@code {reservationStatus, appointmentStatus}}. The page's script
     * puts the words on screen; an EventSource that loses the stream opens it again by itself.
     */
    @GET
    @Path("/reservations/{id}/live")
    @Produces(MediaType.SERVER_SENT_EVENTS)
    @RestStreamElementType(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.CUSTOMER)
    public Multi<Live> live(@PathParam("id") String idText) {
        UUID id = uuid(idText).orElseThrow(() -> notFound("reservation-not-found"));
        return status.follow(bearer(), id).map(view -> new Live(view.reservationStatus(), view.appointmentStatus(),
                view.bill() == null ? null : view.bill().status()));
    }

    /** One change of the live status. */
    public record Live(String reservationStatus, String appointmentStatus, String billStatus) {
    }

    @POST
    @Path("/reservations/{id}/change")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @RolesAllowed(Roles.CUSTOMER)
    public Uni<Response> changeDay(@PathParam("id") String idText, @RestForm String scheduleId) {
        UUID id = uuid(idText).orElseThrow(() -> notFound("reservation-not-found"));
        Optional<UUID> schedule = uuid(scheduleId);
        if (schedule.isEmpty()) {
            return Uni.createFrom().item(seeOther(detail(id) + "?problem=schedule-not-found"));
        }
        return afterAction(id, reservations.change(bearer(), id, new Api.ReservationChange(schedule.get())), "changed");
    }

    @POST
    @Path("/reservations/{id}/cancel")
    @RolesAllowed(Roles.CUSTOMER)
    public Uni<Response> cancel(@PathParam("id") String idText) {
        UUID id = uuid(idText).orElseThrow(() -> notFound("reservation-not-found"));
        return afterAction(id, reservations.cancel(bearer(), id), "cancelled");
    }

    /** Pays the bill's total as shown, under the form's Idempotency-Key: a second submit pays once. */
    @POST
    @Path("/reservations/{id}/pay")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @RolesAllowed(Roles.CUSTOMER)
    public Uni<Response> pay(@PathParam("id") String idText, @RestForm String billId, @RestForm String amount,
            @RestForm String method, @RestForm String idempotencyKey) {
        UUID id = uuid(idText).orElseThrow(() -> notFound("reservation-not-found"));
        Optional<UUID> bill = uuid(billId);
        if (bill.isEmpty() || amount == null || !amount.matches("[0-9]{1,12}")) {
            return Uni.createFrom().item(seeOther(detail(id) + "?problem=bill-not-found"));
        }
        String key = idempotencyKey == null || !idempotencyKey.matches("[0-9a-f-]{36}") ? newKey() : idempotencyKey;
        return afterAction(id, bills.pay(bearer(), key, bill.get(), new Api.Payment(Long.parseLong(amount),
                method == null ? "" : method)), "paid");
    }

    // --- Problems as pages.

    /** Not signed in (or the session is gone): Keycloak's sign-in page, then back here. */
    @ServerExceptionMapper
    public Uni<Response> signIn(UnauthorizedException e, RoutingContext request) {
        return challenge(request);
    }

    @ServerExceptionMapper
    public Uni<Response> signInAgain(AuthenticationFailedException e, RoutingContext request) {
        return challenge(request);
    }

    /** The code flow's own redirects (back from Keycloak without its parameters, to Keycloak's logout). */
    @ServerExceptionMapper
    public Response redirect(AuthenticationRedirectException e) {
        return Response.status(e.getCode()).header(HttpHeaders.LOCATION, e.getRedirectUri())
                .header(HttpHeaders.CACHE_CONTROL, "no-store").build();
    }

    /** Staff (or an account without the customer role): this is the customers' app; theirs is elsewhere. */
    @ServerExceptionMapper
    public Uni<Response> notACustomer(ForbiddenException e, RoutingContext request) {
        Page frame = Page.of(request, identity);
        return html(Templates.staff(frame), frame, 403);
    }

    @ServerExceptionMapper
    public Uni<Response> problem(ApiProblem problem, RoutingContext request) {
        if (problem.status() == 401) {
            // The API no longer takes the session's token: sign in again.
            return challenge(request);
        }
        return whoever().flatMap(who -> {
            Page frame = Page.of(request, who);
            if (problem.status() == 404) {
                return html(Templates.notFound(frame), frame, 404);
            }
            return html(Templates.problem(frame, ProblemView.of(problem)), frame, problem.status())
                    .map(response -> withRetryAfter(response, problem));
        });
    }

    @ServerExceptionMapper
    public Uni<Response> unreachable(jakarta.ws.rs.ProcessingException e, RoutingContext request) {
        return problem(ApiProblem.of(e), request);
    }

    // --- Helpers.

    private Uni<Response> afterAction(UUID id, Uni<?> action, String done) {
        return action.map(ignored -> seeOther(detail(id) + "?done=" + done))
                .onFailure(failure -> ApiProblem.isCallFailure(failure) && ApiProblem.of(failure).status() != 401
                        && ApiProblem.of(failure).status() != 404)
                .recoverWithItem(failure -> {
                    ApiProblem problem = ApiProblem.of(failure);
                    return seeOther(detail(id) + "?problem=" + problem.type()
                            + problem.retryAfter().map(s -> "&retry=" + s).orElse(""));
                });
    }

    /** The same vet's other free days from today, for changing the day. */
    private Uni<List<Api.Schedule>> otherDays(Api.Reservation reservation) {
        LocalDate today = LocalDate.now(config.timeZone());
        return schedules.free(today, null, reservation.vet(), true, 0, 100)
                .map(response -> response.getEntity().stream()
                        .filter(s -> s.vet().equals(reservation.vet()) && !s.id().equals(reservation.scheduleId())
                                && !s.date().isBefore(today) && s.available() > 0)
                        .sorted(Comparator.comparing(Api.Schedule::date).thenComparing(s -> s.id().toString()))
                        .toList())
                .onFailure(ApiProblem::isCallFailure).recoverWithItem(List.of());
    }

    private Uni<Api.Schedule> schedule(String scheduleId) {
        Optional<UUID> id = uuid(scheduleId);
        if (id.isEmpty()) {
            return Uni.createFrom().failure(notFound("schedule-not-found"));
        }
        return schedules.get(id.get());
    }

    /** Another service's part of a page: empty while it cannot answer (or has nothing yet: 404). */
    private static <T> Uni<Optional<T>> optional(Uni<T> call) {
        return call.map(Optional::ofNullable).onFailure(ApiProblem::isCallFailure).recoverWithItem(Optional.empty());
    }

    /** The signed-in person for a public page, or nobody (also when their session cannot be restored). */
    private Uni<SecurityIdentity> whoever() {
        return identities.getDeferredIdentity().onFailure().recoverWithNull();
    }

    private String bearer() {
        AccessTokenCredential token = identity.getCredential(AccessTokenCredential.class);
        if (token == null) {
            throw new UnauthorizedException("no access token in the session");
        }
        return "Bearer " + token.getToken();
    }

    private Uni<Response> challenge(RoutingContext request) {
        HttpAuthenticator authenticator = request.get(HttpAuthenticator.class.getName());
        if (authenticator == null) {
            return Uni.createFrom().item(seeOther("/app/"));
        }
        return authenticator.getChallenge(request).map(challenge -> {
            ChallengeData data = challenge == null ? new ChallengeData(401) : challenge;
            Response.ResponseBuilder response = Response.status(data.status).header(HttpHeaders.CACHE_CONTROL, "no-store");
            data.getHeaders().forEach((name, value) -> response.header(name.toString(), value));
            return response.build();
        });
    }

    private static TemplateInstance localised(Page frame, TemplateInstance template) {
        return template.setLocale(Locale.forLanguageTag(frame.lang()));
    }

    private static Uni<Response> html(TemplateInstance template, Page frame, int status) {
        return localised(frame, template).createUni()
                .map(html -> Response.status(status).type(HTML).entity(html).build());
    }

    private static Response withRetryAfter(Response response, ApiProblem problem) {
        return problem.retryAfter().map(s -> Response.fromResponse(response).header("Retry-After", s).build())
                .orElse(response);
    }

    private static Response seeOther(String location) {
        // Relative: the browser resolves it against the entry point's origin it used.
        return Response.status(303).header(HttpHeaders.LOCATION, URI.create(location)).build();
    }

    private static String detail(UUID id) {
        return "/app/reservations/" + id;
    }

    private static ApiProblem notFound(String type) {
        return new ApiProblem(404, type, null, null, null);
    }

    private static String done(String done) {
        return done != null && List.of("changed", "cancelled", "paid").contains(done) ? done : null;
    }

    private static Optional<UUID> uuid(String text) {
        try {
            return text == null ? Optional.empty() : Optional.of(UUID.fromString(text.strip()));
        } catch (IllegalArgumentException notAnId) {
            return Optional.empty();
        }
    }

    private static LocalDate date(String text) {
        try {
            return text == null || text.isBlank() ? null : LocalDate.parse(text.strip());
        } catch (DateTimeParseException notADate) {
            return null;
        }
    }

    private static String text(String value) {
        return value == null ? "" : value.strip();
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }

    private static String newKey() {
        return UUID.randomUUID().toString();
    }
}
