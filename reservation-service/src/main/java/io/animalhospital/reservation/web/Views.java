package io.animalhospital.reservation.web;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

import org.jboss.resteasy.reactive.RestResponse;

import io.animalhospital.reservation.web.client.Api;
import io.animalhospital.reservation.web.client.ApiProblem;

/** What the templates show, shaped for them. */
final class Views {

    private Views() {
    }

    /**
     * An API's problem as the page words it: its type ({@code schedule-full}, ...; {@code http-NNN} for a generic
     * one), status, the seconds to wait when the system is busy, and what is wrong with each field.
     */
    record ProblemView(String type, int status, Integer seconds, Map<String, String> fields) {

        private static final Pattern TYPE = Pattern.compile("[a-z0-9-]{1,60}");

        static ProblemView of(ApiProblem problem) {
            return new ProblemView(problem.type(), problem.status(), problem.retryAfter().orElse(null),
                    Map.copyOf(problem.violations()));
        }

        /** A problem carried in a redirect's query ({@code ?problem=schedule-full&retry=5}); unknown text is dropped. */
        static ProblemView fromQuery(String type, String retry) {
            if (type == null || !TYPE.matcher(type).matches()) {
                return null;
            }
            Integer seconds = null;
            if (retry != null && retry.matches("[0-9]{1,4}")) {
                seconds = Integer.parseInt(retry);
            }
            return new ProblemView(type, type.startsWith("http-") && type.length() == 8
                    ? Integer.parseInt(type.substring(5)) : 409, seconds, Map.of());
        }

        public boolean busy() {
            return status == 503 || "booking-unavailable".equals(type) || ApiProblem.UNREACHABLE.equals(type);
        }

        public boolean hasField(String name) {
            return fields.containsKey(name);
        }

        /** The kind of a field's error, for its words: required, too-long, email or invalid. */
        public String field(String name) {
            String message = Optional.ofNullable(fields.get(name)).orElse("").toLowerCase();
            if (message.contains("blank") || message.contains("null") || message.contains("empty")) {
                return "required";
            }
            if (message.contains("size") || message.contains("between") || message.contains("long")) {
                return "too-long";
            }
            if (message.contains("e-mail") || message.contains("email")) {
                return "email";
            }
            return "invalid";
        }
    }

    /** A page of a list: where it is and whether there is more (the API's {@code X-Total-Count} or {@code Link}). */
    record Pager(int page, boolean hasPrevious, boolean hasNext) {

        static Pager of(RestResponse<?> response, int page, int size) {
            String total = response.getHeaderString("X-Total-Count");
            String link = response.getHeaderString("Link");
            boolean next;
            if (total != null && total.matches("[0-9]+")) {
                next = (long) (page + 1) * size < Long.parseLong(total);
            } else {
                next = link != null && link.contains("rel=\"next\"");
            }
            return new Pager(page, page > 0, next);
        }

        public boolean shown() {
            return hasPrevious || hasNext;
        }

        public int previous() {
            return page - 1;
        }

        public int next() {
            return page + 1;
        }

        /** The page's number as people count (from 1). */
        public int number() {
            return page + 1;
        }
    }

    /** The booking form's values, kept when the API sends it back. */
    record BookingForm(String ownerName, String email, String petName, String species, String reason) {

        static BookingForm empty(String name) {
            return new BookingForm(name == null ? "" : name, "", "", "", "");
        }
    }

    /** A reservation's page: the parts other services give may be missing (null) when they cannot answer now. */
    record Detail(Api.Reservation reservation, String appointmentStatus, Api.Bill bill, boolean billUnknown,
            List<Api.Notification> notifications, boolean notificationsUnknown, List<Api.Schedule> otherDays,
            String payKey) {

        /** Every status the live status may show, for the page's script to find the words of. */
        public List<String> statusCodes() {
            return List.of("RESERVED", "AWAITING_APPROVAL", "CANCELLED", "CANCELLED_BY_CLINIC", "TREATED", "BOOKED");
        }
    }
}
