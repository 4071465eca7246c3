package io.animalhospital.diagnosis.web;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;

import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.FormParam;
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

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.rest.client.inject.RestClient;
import org.jboss.resteasy.reactive.RestResponse;
import org.jboss.resteasy.reactive.server.Cancellable;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import io.animalhospital.diagnosis.config.ClinicConfig;
import io.animalhospital.diagnosis.web.client.ApiViews.Appointment;
import io.animalhospital.diagnosis.web.client.ApiViews.Bill;
import io.animalhospital.diagnosis.web.client.ApiViews.Decline;
import io.animalhospital.diagnosis.web.client.ApiViews.Item;
import io.animalhospital.diagnosis.web.client.ApiViews.NewSchedule;
import io.animalhospital.diagnosis.web.client.ApiViews.Notification;
import io.animalhospital.diagnosis.web.client.ApiViews.Payment;
import io.animalhospital.diagnosis.web.client.ApiViews.Reservation;
import io.animalhospital.diagnosis.web.client.ApiViews.Schedule;
import io.animalhospital.diagnosis.web.client.ApiViews.ScheduleChange;
import io.animalhospital.diagnosis.web.client.ApiViews.Treatment;
import io.animalhospital.diagnosis.web.client.BillingApi;
import io.animalhospital.diagnosis.web.client.DiagnosisApi;
import io.animalhospital.diagnosis.web.client.NoticeApi;
import io.animalhospital.diagnosis.web.client.ReservationApi;
import io.animalhospital.platform.security.Roles;
import io.quarkus.qute.Location;
import io.quarkus.qute.Template;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;

/**
 * The staff console (SPEC §8): the day board, the approvals waiting, the day's appointments and treatment entry,
 * unpaid bills, failed notifications. Every read and change goes through the APIs with the signed-in user's token
 * (web/client); a change answers with a redirect to the list it changed, or the same page with the API's problem in
 * words (and its status).
 */
@Cancellable(false)
@Path("/staff")
@Produces(MediaType.TEXT_HTML)
public class StaffConsole {


    private final DiagnosisApi diagnosis;
    private final ReservationApi reservations;
    private final BillingApi billing;
    private final NoticeApi notice;
    private final Pages pages;
    private final Problems problems;
    private final SecurityIdentity identity;
    private final ClinicConfig clinic;
    private final List<String> itemCodes;
    private final Template board;
    private final Template approvals;
    private final Template appointments;
    private final Template treatment;
    private final Template bills;
    private final Template notifications;
    private final Template forbidden;
    private final Template signedOut;

    @Context
    HttpHeaders headers;
    @Context
    UriInfo uri;

    public StaffConsole(@RestClient DiagnosisApi diagnosis, @RestClient ReservationApi reservations,
            @RestClient BillingApi billing, @RestClient NoticeApi notice, Pages pages, Problems problems,
            SecurityIdentity identity, ClinicConfig clinic,
            @ConfigProperty(name = "hospital.web.item-codes") List<String> itemCodes,
            @Location("staff/board.html") Template board, @Location("staff/approvals.html") Template approvals,
            @Location("staff/appointments.html") Template appointments,
            @Location("staff/treatment.html") Template treatment, @Location("staff/bills.html") Template bills,
            @Location("staff/notifications.html") Template notifications,
            @Location("staff/forbidden.html") Template forbidden, @Location("staff/signed-out.html") Template signedOut) {
        this.diagnosis = diagnosis;
        this.reservations = reservations;
        this.billing = billing;
        this.notice = notice;
        this.pages = pages;
        this.problems = problems;
        this.identity = identity;
        this.clinic = clinic;
        this.itemCodes = itemCodes;
        this.board = board;
        this.approvals = approvals;
        this.appointments = appointments;
        this.treatment = treatment;
        this.bills = bills;
        this.notifications = notifications;
        this.forbidden = forbidden;
        this.signedOut = signedOut;
    }

    // --- The day board: schedules of a date with booked/capacity; open, resize, withdraw.

    @GET
    @RolesAllowed({ Roles.STAFF, Roles.ADMIN })
    public Uni<Response> board(@QueryParam("date") String date, @QueryParam("page") String page,
            @QueryParam("done") String done, @QueryParam("lang") String lang) {
        Pages.Request request = request(lang);
        return boardPage(request, day(date), Paging.parse(page), notice(request, done), Shown.none(), Map.of(), null);
    }

    @POST
    @Path("/schedules")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @RolesAllowed({ Roles.STAFF, Roles.ADMIN })
    public Uni<Response> open(@FormParam("vet") String vet, @FormParam("date") String date,
            @FormParam("capacity") String capacity, @FormParam("approvalRequired") String approvalRequired,
            @QueryParam("lang") String lang) {
        Pages.Request request = request(lang);
        Map<String, String> form = new HashMap<>();
        form.put("vet", vet == null ? "" : vet);
        form.put("date", date == null ? "" : date);
        form.put("capacity", capacity == null ? "" : capacity);
        form.put("approvalRequired", approvalRequired == null ? "" : "on");
        LocalDate day = parseDate(date);
        Integer seats = parseInt(capacity);
        StaffMessages msg = request.msg();
        // What the API cannot be sent (not a date, not a number) is named here, in the same words as its answers.
        Map<String, String> unsent = new LinkedHashMap<>();
        if (day == null) {
            unsent.put("date", blank(date) ? msg.fieldRequired() : msg.fieldInvalid(date));
        }
        if (seats == null && !blank(capacity)) {
            unsent.put("capacity", msg.fieldInvalid(capacity));
        }
        if (!unsent.isEmpty()) {
            return boardPage(request, day == null ? today() : day, 0, null,
                    new Shown(400, msg.problemInvalid(), unsent), form, null);
        }
        return diagnosis.open(new NewSchedule(vet, day, seats, approvalRequired != null))
                .map(s -> Pages.seeOther("/staff/?date=" + s.date() + "&done=opened"))
                .onFailure().recoverWithUni(failure -> boardPage(request, day, 0, null,
                        problems.show(failure, request.lang()), form, null));
    }

    @POST
    @Path("/schedules/{id}/capacity")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @RolesAllowed({ Roles.STAFF, Roles.ADMIN })
    public Uni<Response> resize(@PathParam("id") UUID id, @FormParam("capacity") String capacity,
            @FormParam("date") String date, @QueryParam("lang") String lang) {
        Pages.Request request = request(lang);
        LocalDate day = day(date);
        Integer seats = parseInt(capacity);
        if (seats == null) {
            StaffMessages msg = request.msg();
            return boardPage(request, day, 0, null, new Shown(400, msg.problemInvalid(),
                    Map.of("capacity", blank(capacity) ? msg.fieldRequired() : msg.fieldInvalid(capacity))), Map.of(), id);
        }
        return diagnosis.change(id, new ScheduleChange(seats))
                .map(s -> Pages.seeOther("/staff/?date=" + s.date() + "&done=resized"))
                .onFailure().recoverWithUni(failure -> boardPage(request, day, 0, null,
                        problems.show(failure, request.lang()), Map.of(), id));
    }

    @POST
    @Path("/schedules/{id}/withdraw")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @RolesAllowed({ Roles.STAFF, Roles.ADMIN })
    public Uni<Response> withdraw(@PathParam("id") UUID id, @FormParam("date") String date,
            @QueryParam("lang") String lang) {
        Pages.Request request = request(lang);
        LocalDate day = day(date);
        return diagnosis.withdraw(id)
                .map(s -> Pages.seeOther("/staff/?date=" + s.date() + "&done=withdrawn"))
                .onFailure().recoverWithUni(failure -> boardPage(request, day, 0, null,
                        problems.show(failure, request.lang()), Map.of(), id));
    }

    private Uni<Response> boardPage(Pages.Request request, LocalDate date, int page, String notice, Shown shown,
            Map<String, String> form, UUID failedSchedule) {
        Map<String, String> openForm = new HashMap<>(Map.of("vet", "", "date", date.toString(), "capacity", "10",
                "approvalRequired", ""));
        openForm.putAll(form);
        return listOf(diagnosis.schedules(date, page, Paging.SIZE), page, request)
                .flatMap(list -> {
                    Map<String, Object> data = new HashMap<>();
                    data.put("date", date);
                    data.put("today", today());
                    data.put("schedules", list.items());
                    data.put("paging", list.paging());
                    data.put("notice", notice);
                    data.put("problem", shown.any() ? shown : list.shown());
                    data.put("form", openForm);
                    data.put("failedSchedule", failedSchedule);
                    return pages.render(board, request, "board", shown.any() ? shown.status() : 200, data);
                });
    }

    // --- Approvals: appointments awaiting approval, approve or decline with a reason.

    @GET
    @Path("/approvals")
    @RolesAllowed({ Roles.STAFF, Roles.ADMIN })
    public Uni<Response> approvals(@QueryParam("page") String page, @QueryParam("done") String done,
            @QueryParam("lang") String lang) {
        Pages.Request request = request(lang);
        return approvalsPage(request, Paging.parse(page), notice(request, done), Shown.none());
    }

    @POST
    @Path("/approvals/{reservationId}/approve")
    @RolesAllowed({ Roles.STAFF, Roles.ADMIN })
    public Uni<Response> approve(@PathParam("reservationId") UUID reservationId, @QueryParam("lang") String lang) {
        Pages.Request request = request(lang);
        return diagnosis.approve(reservationId).map(a -> Pages.seeOther("/staff/approvals?done=approved"))
                .onFailure().recoverWithUni(failure -> approvalsPage(request, 0, null,
                        problems.show(failure, request.lang())));
    }

    @POST
    @Path("/approvals/{reservationId}/decline")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @RolesAllowed({ Roles.STAFF, Roles.ADMIN })
    public Uni<Response> decline(@PathParam("reservationId") UUID reservationId, @FormParam("reason") String reason,
            @QueryParam("lang") String lang) {
        Pages.Request request = request(lang);
        return diagnosis.decline(reservationId, new Decline(blank(reason) ? null : reason))
                .map(a -> Pages.seeOther("/staff/approvals?done=declined"))
                .onFailure().recoverWithUni(failure -> approvalsPage(request, 0, null,
                        problems.show(failure, request.lang())));
    }

    private Uni<Response> approvalsPage(Pages.Request request, int page, String notice, Shown shown) {
        return listOf(diagnosis.appointments(null, "AWAITING_APPROVAL", page, Paging.SIZE), page, request)
                .flatMap(list -> {
                    Map<String, Object> data = new HashMap<>();
                    data.put("appointments", list.items());
                    data.put("paging", list.paging());
                    data.put("notice", notice);
                    data.put("problem", shown.any() ? shown : list.shown());
                    return pages.render(approvals, request, "approvals", shown.any() ? shown.status() : 200, data);
                });
    }

    // --- The day's appointments with owner and pet, and the treatment of one.

    @GET
    @Path("/appointments")
    @RolesAllowed({ Roles.STAFF, Roles.ADMIN })
    public Uni<Response> appointments(@QueryParam("date") String date, @QueryParam("page") String page,
            @QueryParam("done") String done, @QueryParam("lang") String lang) {
        Pages.Request request = request(lang);
        LocalDate day = day(date);
        int pageNumber = Paging.parse(page);
        Uni<Listed<Appointment>> appointmentsOfDay = listOf(diagnosis.appointments(day, null, pageNumber, Paging.SIZE),
                pageNumber, request);
        // Owners come from reservation-service's staff list of the same day; without them the list still shows.
        Uni<Map<UUID, Reservation>> owners = reservations.reservations(day, 0, 100)
                .map(response -> {
                    Map<UUID, Reservation> byId = new HashMap<>();
                    response.getEntity().forEach(r -> byId.put(r.id(), r));
                    return byId;
                })
                .onFailure().recoverWithItem(failure -> null);
        return Uni.combine().all().unis(appointmentsOfDay, owners).asTuple().flatMap(both -> {
            Listed<Appointment> list = both.getItem1();
            Map<UUID, Reservation> byId = both.getItem2();
            List<Map<String, Object>> rows = new ArrayList<>();
            for (Appointment a : list.items()) {
                Reservation owner = byId == null ? null : byId.get(a.reservationId());
                Map<String, Object> row = new HashMap<>();
                row.put("appointment", a);
                row.put("ownerName", owner == null ? "" : owner.ownerName());
                row.put("phone", owner == null ? "" : owner.phone());
                row.put("species", owner == null ? "" : owner.species());
                rows.add(row);
            }
            Map<String, Object> data = new HashMap<>();
            data.put("date", day);
            data.put("rows", rows);
            data.put("paging", list.paging());
            data.put("notice", notice(request, done));
            data.put("ownersUnavailable", byId == null);
            data.put("problem", list.shown());
            return pages.render(appointments, request, "appointments", 200, data);
        });
    }

    @GET
    @Path("/appointments/{reservationId}/treatment")
    @RolesAllowed({ Roles.STAFF, Roles.ADMIN })
    public Uni<Response> treatment(@PathParam("reservationId") UUID reservationId, @QueryParam("lang") String lang) {
        Pages.Request request = request(lang);
        return treatmentPage(request, reservationId, Shown.none(), Map.of(), List.of());
    }

    @POST
    @Path("/appointments/{reservationId}/treatment")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @RolesAllowed({ Roles.STAFF, Roles.ADMIN })
    public Uni<Response> treat(@PathParam("reservationId") UUID reservationId, @FormParam("doctor") String doctor,
            @FormParam("medicalOpinion") String medicalOpinion, @FormParam("treatment") String treatmentText,
            @FormParam("prescription") String prescription, @FormParam("itemCode") List<String> itemCodes,
            @FormParam("quantity") List<String> quantities, @QueryParam("lang") String lang) {
        Pages.Request request = request(lang);
        List<Item> items = new ArrayList<>();
        List<Map<String, String>> itemRows = new ArrayList<>();
        for (int i = 0; i < (itemCodes == null ? 0 : itemCodes.size()); i++) {
            String code = itemCodes.get(i);
            String quantity = quantities != null && i < quantities.size() ? quantities.get(i) : "";
            itemRows.add(Map.of("code", code == null ? "" : code, "quantity", quantity == null ? "" : quantity));
            if (!blank(code)) {
                items.add(new Item(code, parseInt(quantity)));
            }
        }
        Map<String, String> form = new HashMap<>();
        form.put("doctor", doctor == null ? "" : doctor);
        form.put("medicalOpinion", medicalOpinion == null ? "" : medicalOpinion);
        form.put("treatment", treatmentText == null ? "" : treatmentText);
        form.put("prescription", prescription == null ? "" : prescription);
        return diagnosis.treat(reservationId, new Treatment(blankToNull(doctor), blankToNull(medicalOpinion),
                blankToNull(treatmentText), blankToNull(prescription), items))
                .map(a -> Pages.seeOther("/staff/appointments?date=" + a.date() + "&done=treated"))
                .onFailure().recoverWithUni(failure -> treatmentPage(request, reservationId,
                        problems.show(failure, request.lang()), form, itemRows));
    }

    private Uni<Response> treatmentPage(Pages.Request request, UUID reservationId, Shown shown,
            Map<String, String> form, List<Map<String, String>> itemRows) {
        StaffMessages msg = request.msg();
        List<Map<String, String>> options = new ArrayList<>();
        for (String code : itemCodes) {
            options.add(Map.of("code", code, "label", code + " — " + itemName(msg, code)));
        }
        List<Map<String, String>> rows = new ArrayList<>(itemRows);
        while (rows.size() < 4) {
            rows.add(Map.of("code", "", "quantity", "1"));
        }
        return diagnosis.appointment(reservationId)
                .map(a -> (Object) a)
                .onFailure().recoverWithItem(failure -> problems.show(failure, request.lang()))
                .flatMap(found -> {
                    Map<String, Object> data = new HashMap<>();
                    Map<String, String> values = new HashMap<>(Map.of("doctor", request.chrome("").user() == null
                            ? "" : request.chrome("").user(), "medicalOpinion", "", "treatment", "", "prescription", ""));
                    values.putAll(form);
                    data.put("reservationId", reservationId);
                    data.put("form", values);
                    data.put("itemRows", rows);
                    data.put("itemOptions", options);
                    if (found instanceof Appointment a) {
                        data.put("appointment", a);
                        data.put("problem", shown);
                        return pages.render(treatment, request, "appointments", shown.any() ? shown.status() : 200,
                                data);
                    }
                    Shown notFound = (Shown) found;
                    data.put("appointment", null);
                    data.put("problem", notFound);
                    return pages.render(treatment, request, "appointments", notFound.status(), data);
                });
    }

    // --- Unpaid bills, a payment recorded at the desk.

    @GET
    @Path("/bills")
    @RolesAllowed({ Roles.STAFF, Roles.ADMIN })
    public Uni<Response> bills(@QueryParam("page") String page, @QueryParam("done") String done,
            @QueryParam("lang") String lang) {
        Pages.Request request = request(lang);
        return billsPage(request, Paging.parse(page), notice(request, done), Shown.none());
    }

    @POST
    @Path("/bills/{id}/payment")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @RolesAllowed({ Roles.STAFF, Roles.ADMIN })
    public Uni<Response> recordPayment(@PathParam("id") UUID id, @FormParam("method") String method,
            @FormParam("amount") String amount, @FormParam("paymentKey") String paymentKey,
            @QueryParam("lang") String lang) {
        Pages.Request request = request(lang);
        Long total = amount != null && amount.matches("\\d{1,15}") ? Long.valueOf(amount) : null;
        // The form's own key: pressing the button twice (or a retried request) records one payment.
        String key = paymentKey != null && paymentKey.matches("[A-Za-z0-9-]{1,64}") ? paymentKey
                : UUID.randomUUID().toString();
        Uni<Long> amountToPay = total != null ? Uni.createFrom().item(total) : billing.bill(id).map(Bill::total);
        return amountToPay.flatMap(sum -> billing.pay(id, key, new Payment(sum, method)))
                .map(b -> Pages.seeOther("/staff/bills?done=paid"))
                .onFailure().recoverWithUni(failure -> billsPage(request, 0, null, problems.show(failure, request.lang())));
    }

    private Uni<Response> billsPage(Pages.Request request, int page, String notice, Shown shown) {
        return listOf(billing.bills("ISSUED", page, Paging.SIZE), page, request).flatMap(list -> {
            Map<String, Object> data = new HashMap<>();
            data.put("bills", list.items());
            data.put("paging", list.paging());
            data.put("notice", notice);
            data.put("problem", shown.any() ? shown : list.shown());
            data.put("methods", List.of("CARD", "CASH", "TRANSFER"));
            return pages.render(bills, request, "bills", shown.any() ? shown.status() : 200, data);
        });
    }

    // --- Failed notifications.

    @GET
    @Path("/notifications")
    @RolesAllowed({ Roles.STAFF, Roles.ADMIN })
    public Uni<Response> notifications(@QueryParam("page") String page, @QueryParam("lang") String lang) {
        Pages.Request request = request(lang);
        int pageNumber = Paging.parse(page);
        return listOf(notice.notifications("FAILED", pageNumber, Paging.SIZE), pageNumber, request).flatMap(list -> {
            Map<String, Object> data = new HashMap<>();
            data.put("notifications", list.items());
            data.put("paging", list.paging());
            data.put("problem", list.shown());
            return pages.render(notifications, request, "notifications", 200, data);
        });
    }

    // --- Signed out, and not for this account.

    @GET
    @Path("/signed-out")
    @PermitAll
    public Uni<Response> signedOut(@QueryParam("lang") String lang) {
        return pages.render(signedOut, new Pages.Request(null, headers, uri, lang), "", 200, new HashMap<>());
    }

    /** A signed-in customer (or anyone without a staff role): a page that says where they are, not a JSON problem. */
    @ServerExceptionMapper
    public Uni<Response> notStaff(ForbiddenException e) {
        Map<String, Object> data = new HashMap<>();
        data.put("adminOnly", false);
        return pages.render(forbidden, request(uri.getQueryParameters().getFirst("lang")), "", 403, data);
    }

    // --- Helpers

    /** A page of a list, or the problem that kept it from being read (then empty). */
    record Listed<T>(List<T> items, Paging paging, Shown shown) {
    }

    private <T> Uni<Listed<T>> listOf(Uni<RestResponse<List<T>>> call, int page, Pages.Request request) {
        return call.map(response -> new Listed<>(response.getEntity() == null ? List.<T>of() : response.getEntity(),
                        Paging.of(response, page, uri), Shown.none()))
                .onFailure().recoverWithItem(failure -> new Listed<>(List.of(), Paging.none(),
                        problems.show(failure, request.lang())));
    }

    Pages.Request request(String lang) {
        return new Pages.Request(identity, headers, uri, lang);
    }

    private String notice(Pages.Request request, String done) {
        if (done == null) {
            return null;
        }
        StaffMessages msg = request.msg();
        Map<String, Function<StaffMessages, String>> said = Map.of("opened", StaffMessages::opened,
                "resized", StaffMessages::resized, "withdrawn", StaffMessages::withdrawn,
                "approved", StaffMessages::approved, "declined", StaffMessages::declined,
                "treated", StaffMessages::treated, "paid", StaffMessages::paid);
        Function<StaffMessages, String> words = said.get(done);
        return words == null ? null : words.apply(msg);
    }

    static String itemName(StaffMessages msg, String code) {
        return switch (code) {
            case "XRAY" -> msg.item_XRAY();
            case "BLOOD_TEST" -> msg.item_BLOOD_TEST();
            case "ULTRASOUND" -> msg.item_ULTRASOUND();
            case "VACCINATION" -> msg.item_VACCINATION();
            case "INJECTION" -> msg.item_INJECTION();
            case "MEDICATION" -> msg.item_MEDICATION();
            case "DENTAL_SCALING" -> msg.item_DENTAL_SCALING();
            case "SURGERY" -> msg.item_SURGERY();
            case "HOSPITALIZATION" -> msg.item_HOSPITALIZATION();
            default -> code;
        };
    }

    private LocalDate today() {
        return LocalDate.now(clinic.timeZone());
    }

    /** The date of the address, or today at the clinic when there is none or it is not a date. */
    private LocalDate day(String date) {
        LocalDate parsed = parseDate(date);
        return parsed == null ? today() : parsed;
    }

    private static LocalDate parseDate(String date) {
        if (blank(date)) {
            return null;
        }
        try {
            return LocalDate.parse(date.strip());
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    private static Integer parseInt(String number) {
        return number != null && number.strip().matches("-?\\d{1,9}") ? Integer.valueOf(number.strip()) : null;
    }

    private static boolean blank(String text) {
        return text == null || text.isBlank();
    }

    private static String blankToNull(String text) {
        return blank(text) ? null : text;
    }
}
