package io.animalhospital.diagnosis.web;

import java.net.ConnectException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeoutException;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;

import org.jboss.logging.Logger;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.qute.i18n.Localized;
import io.quarkus.qute.i18n.MessageBundles;

/**
 * An API's problem (RFC 9457) in words staff understand: each of the clinic's problem types has its sentence,
 * validation problems name their fields, 503 tells when to try again (Retry-After); a service that cannot be reached
 * is "unavailable", never an error page.
 */
@ApplicationScoped
public class Problems {

    private static final Logger LOG = Logger.getLogger(Problems.class);
    private static final String TYPE_BASE = "https://animal-hospital.example/problems/";

    private final ObjectMapper json;

    public Problems(ObjectMapper json) {
        this.json = json;
    }

    static StaffMessages messages(String lang) {
        return MessageBundles.get(StaffMessages.class, Localized.Literal.of(lang));
    }

    Shown show(Throwable failure, String lang) {
        StaffMessages msg = messages(lang);
        WebApplicationException web = webFailure(failure);
        if (web == null) {
            if (unreachable(failure)) {
                return new Shown(503, msg.problemUnavailableNoTime(), Map.of());
            }
            LOG.warnf("A page's call failed: %s", failure.toString());
            return new Shown(502, msg.problemOther("502", failure.getClass().getSimpleName()), Map.of());
        }
        Response response = web.getResponse();
        int status = response.getStatus();
        JsonNode problem = body(response);
        String type = problem.path("type").asText("");
        String slug = type.startsWith(TYPE_BASE) ? type.substring(TYPE_BASE.length()) : "";
        String detail = problem.path("detail").asText(problem.path("title").asText(""));
        Map<String, String> fields = new LinkedHashMap<>();
        for (JsonNode violation : problem.path("violations")) {
            fields.putIfAbsent(field(violation.path("field").asText()),
                    msg.fieldInvalid(violation.path("message").asText()));
        }
        String message = switch (slug) {
            case "capacity-below-bookings" -> msg.problemCapacityBelowBookings();
            case "day-passed" -> msg.problemDayPassed();
            case "date-in-past" -> msg.problemDateInPast();
            case "not-awaiting-approval" -> msg.problemNotAwaitingApproval();
            case "not-declinable" -> msg.problemNotDeclinable();
            case "not-treatable" -> msg.problemNotTreatable();
            case "schedule-withdrawn" -> msg.problemScheduleWithdrawn();
            case "bill-already-paid" -> msg.problemAlreadyPaid();
            case "wrong-amount" -> msg.problemWrongAmount();
            default -> switch (status) {
                case 400 -> msg.problemInvalid();
                case 401 -> msg.problemSignIn();
                case 403 -> msg.problemForbidden();
                case 404 -> msg.problemNotFound();
                case 409 -> msg.problemConflict(detail);
                case 503 -> retryAfter(response) != null ? msg.problemUnavailable(retryAfter(response))
                        : msg.problemUnavailableNoTime();
                default -> msg.problemOther(String.valueOf(status), detail);
            };
        };
        if ("date-in-past".equals(slug)) {
            fields.put("date", msg.problemDateInPast());
        }
        return new Shown(status, message, fields);
    }

    /** The name a form gives the field: the last part of the API's path ({@code create.request.capacity}). */
    private static String field(String path) {
        String last = path.substring(path.lastIndexOf('.') + 1);
        int index = last.indexOf('[');
        return index < 0 ? last : last.substring(0, index);
    }

    private static String retryAfter(Response response) {
        String value = response.getHeaderString("Retry-After");
        return value == null || !value.strip().matches("\\d{1,6}") ? null : value.strip();
    }

    private JsonNode body(Response response) {
        try {
            String text = response.readEntity(String.class);
            return text == null || text.isBlank() ? json.createObjectNode() : json.readTree(text);
        } catch (RuntimeException | java.io.IOException e) {
            return json.createObjectNode();
        }
    }

    private static WebApplicationException webFailure(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof WebApplicationException web) {
                return web;
            }
        }
        return null;
    }

    private static boolean unreachable(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof ConnectException || t instanceof TimeoutException || t instanceof ProcessingException
                    || t instanceof io.vertx.core.VertxException
                    || t instanceof io.netty.channel.ConnectTimeoutException) {
                return true;
            }
        }
        return false;
    }
}
