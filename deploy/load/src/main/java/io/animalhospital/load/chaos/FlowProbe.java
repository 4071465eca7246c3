package io.animalhospital.load.chaos;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;
import java.util.function.Supplier;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.animalhospital.load.chaos.LoadDriver.Response;

/**
 * After a restart: does every service's consumer apply events again? A short story made of fresh events — one
 * reservation placed on a schedule that needs approval, approved, treated; another placed and cancelled — then
 * waits for each consumer's effect:
 * <ul>
 * <li>reservation-service (diagnosis-events): the first reservation becomes TREATED;</li>
 * <li>diagnosis-service (reservation-events): the cancelled reservation's appointment is CANCELLED;</li>
 * <li>billing-service (diagnosis-events): the treated reservation has a bill;</li>
 * <li>notice-service (billing-events): that bill has its BillIssued notification;</li>
 * <li>lookup-service (all topics): the view shows the reservation TREATED with its bill.</li>
 * </ul>
 * A consumer that rejoins its group late (a dead member still holds the partitions until its session times out)
 * shows here. The probe's requests are not counted in the load's numbers; its reservations join the ids file.
 * <p>
 * Its reservations are its own customer's ({@code probeCustomer}), who also cancels; staff approve and treat, and
 * read every effect (staff may read every reservation, appointment, bill, notification and view).
 */
final class FlowProbe {

    private final LoadDriver driver;
    private final String customer;

    FlowProbe(LoadDriver driver, String probeCustomer) {
        this.driver = driver;
        this.customer = probeCustomer;
    }

    /** Service → System.nanoTime() when its consumer's effect was seen, or {@link LoadDriver#NEVER}. */
    Map<String, Long> run(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        Map<String, Long> seen = new LinkedHashMap<>();
        for (String service : new String[] {"reservation", "diagnosis", "billing", "notice", "lookup"}) {
            seen.put(service, LoadDriver.NEVER);
        }
        UUID treated = place(true, deadline);
        UUID cancelled = place(false, deadline);
        boolean told = treated != null && cancelled != null
                && until(deadline, () -> post("diagnosis", "/appointments/" + treated + "/approve", null), FlowProbe::done)
                && until(deadline, () -> post("diagnosis", "/appointments/" + treated + "/treatment", treatment()),
                        FlowProbe::done)
                && until(deadline, () -> driver.sendNow(customer, "DELETE", driver.url("reservation", "/reservations/"
                        + cancelled), null), Response::ok);
        if (!told) {
            return seen;
        }
        Map<String, Supplier<Boolean>> effects = new LinkedHashMap<>();
        effects.put("reservation", () -> "TREATED".equals(get("reservation", "/reservations/" + treated)
                .path("status").asText()));
        effects.put("diagnosis", () -> "CANCELLED".equals(get("diagnosis", "/appointments/" + cancelled)
                .path("status").asText()));
        effects.put("billing", () -> get("billing", "/bills?reservationId=" + treated).size() > 0);
        effects.put("notice", () -> {
            for (JsonNode n : get("notice", "/notifications?reservationId=" + treated)) {
                if ("BillIssued".equals(n.path("eventType").asText())) {
                    return true;
                }
            }
            return false;
        });
        effects.put("lookup", () -> {
            JsonNode view = get("lookup", "/reservation-status/" + treated);
            return "TREATED".equals(view.path("reservationStatus").asText()) && view.path("bill").has("id");
        });
        while (System.nanoTime() < deadline && seen.containsValue(LoadDriver.NEVER)) {
            effects.forEach((service, effect) -> {
                if (seen.get(service) == LoadDriver.NEVER && effect.get()) {
                    seen.put(service, System.nanoTime());
                }
            });
            sleep();
        }
        return seen;
    }

    private UUID place(boolean approval, long deadline) {
        ObjectNode body = driver.json().createObjectNode()
                .put("scheduleId", driver.probeSchedule(approval).toString()).put("ownerName", "Probe")
                .put("petName", "Probe").put("species", "dog");
        while (System.nanoTime() < deadline) {
            Response r = driver.sendNow(customer, "POST", driver.url("reservation", "/reservations"), body);
            if (r.status() == 201) {
                UUID id = UUID.fromString(r.body().path("id").asText());
                driver.answered(id, customer);
                return id;
            }
            sleep();
        }
        return null;
    }

    /** 2xx, or 409: an earlier try whose answer was lost already did it. */
    private static boolean done(Response r) {
        return r.ok() || r.status() == 409;
    }

    private ObjectNode treatment() {
        ObjectNode body = driver.json().createObjectNode().put("doctor", "Dr. Probe").put("medicalOpinion", "fine")
                .put("treatment", "none").put("prescription", "none");
        body.putArray("items").addObject().put("code", "XRAY").put("quantity", 1);
        return body;
    }

    /** As staff. */
    private Response post(String service, String path, JsonNode body) {
        return driver.sendNow(driver.staff(), "POST", driver.url(service, path), body);
    }

    /** As staff. */
    private JsonNode get(String service, String path) {
        Response r = driver.sendNow(driver.staff(), "GET", driver.url(service, path), null);
        return r.ok() && r.body() != null ? r.body() : driver.json().missingNode();
    }

    private static boolean until(long deadline, Supplier<Response> call, Predicate<Response> done) {
        while (System.nanoTime() < deadline) {
            if (done.test(call.get())) {
                return true;
            }
            sleep();
        }
        return false;
    }

    private static void sleep() {
        try {
            Thread.sleep(250);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
