package io.animalhospital.load.invariants;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Consumer;

import io.animalhospital.load.invariants.SystemState.Appointment;
import io.animalhospital.load.invariants.SystemState.Bill;
import io.animalhospital.load.invariants.SystemState.Notification;
import io.animalhospital.load.invariants.SystemState.Reservation;
import io.animalhospital.load.invariants.SystemState.Schedule;
import io.animalhospital.load.invariants.SystemState.View;

/**
 * Checks SPEC §5 on what the five databases hold (read-only), see {@link Invariant} for each rule's meaning.
 * Most invariants are eventual (events travel between services), so {@link #settle} checks again until the
 * system is clean or a deadline passes, and reports what remains.
 */
public final class InvariantChecker {

    private static final Set<String> LIVE = Set.of("RESERVED", "AWAITING_APPROVAL");
    private static final Set<String> CANCELLED = Set.of("CANCELLED", "CANCELLED_BY_CLINIC");
    private static final Set<String> ACTIVE_APPOINTMENT = Set.of("AWAITING_APPROVAL", "BOOKED");

    private final SystemState.Connections connections;
    private final Path idsFile;

    /** @param idsFile reservation ids answered 201, one per line; null to skip invariant 6 */
    public InvariantChecker(String host, int port, String user, String password, Path idsFile) {
        this.connections = new SystemState.Connections(host, port, user, password);
        this.idsFile = idsFile;
    }

    /** "PostgreSQL 127.0.0.1:15432". */
    public String server() {
        return "PostgreSQL " + connections.host() + ":" + connections.port();
    }

    public String target() {
        return "PostgreSQL " + connections.host() + ":" + connections.port()
                + " (databases reservation, diagnosis, billing, notice, lookup)";
    }

    /** Checks until clean or the deadline passed; {@code progress} hears about each unclean pass. */
    public CheckResult settle(Duration bound, Consumer<String> progress) {
        long deadline = System.nanoTime() + bound.toNanos();
        long started = System.nanoTime();
        while (true) {
            CheckResult result = checkOnce();
            if (result.clean() || System.nanoTime() + Duration.ofSeconds(5).toNanos() > deadline) {
                return result;
            }
            progress.accept(String.format("%5.0f s: not settled yet (%s); checking again in 5 s",
                    (System.nanoTime() - started) / 1e9, result.shortCounts()));
            try {
                Thread.sleep(5000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return result;
            }
        }
    }

    public CheckResult checkOnce() {
        SystemState state;
        Set<UUID> answered;
        try {
            answered = readIds();
            state = SystemState.read(connections);
        } catch (SQLException | IOException | RuntimeException e) {
            return CheckResult.failedToRead(e.getMessage());
        }
        CheckResult result = new CheckResult();
        result.summaryOfData(String.format("%d schedules, %d appointments, %d reservations, %d bills, "
                + "%d notifications, %d lookup documents%s", state.schedules.size(), state.appointments.size(),
                state.reservations.size(), state.bills.size(), state.notifications, state.views.size(),
                answered == null ? "" : ", " + answered.size() + " ids answered 201"));
        schedules(state, result);
        appointments(state, result);
        bills(state, result);
        notifications(state, result);
        views(state, result);
        if (answered != null) {
            nothingLost(state, answered, result);
        }
        return result;
    }

    /**
     * Only the seats held for nobody: appointments holding a seat (AWAITING_APPROVAL or BOOKED) whose reservation
     * reservation-service does not have, the part of I2 that a placement whose answer was lost leaves behind
     * until its held NOT_CONFIRMED cancellation goes out (reservation-service's placement hold). Reads diagnosis
     * and reservation only; the violations are I2's.
     */
    public CheckResult checkHeldSeats() {
        SystemState state;
        try {
            state = SystemState.readSeats(connections);
        } catch (SQLException | RuntimeException e) {
            return CheckResult.failedToRead(e.getMessage());
        }
        CheckResult result = new CheckResult();
        result.summaryOfData(String.format("%d schedules, %d appointments, %d reservations", state.schedules.size(),
                state.appointments.size(), state.reservations.size()));
        heldForNobody(state, result);
        result.checked(Invariant.I2, state.appointments.size());
        return result;
    }

    private Set<UUID> readIds() throws IOException {
        if (idsFile == null) {
            return null;
        }
        Set<UUID> ids = new LinkedHashSet<>();
        for (String line : Files.readAllLines(idsFile)) {
            // The first field of each line; the chaos driver writes "id" or "id,anything".
            String id = line.strip().split("[,\\s]", 2)[0];
            if (!id.isEmpty()) {
                ids.add(UUID.fromString(id));
            }
        }
        return ids;
    }

    // --- 1. schedules never overbooked

    private static void schedules(SystemState s, CheckResult result) {
        for (Schedule schedule : s.schedules) {
            String name = "schedule " + schedule.id() + " (" + schedule.vet() + " " + schedule.date() + ")";
            String counts = "capacity " + schedule.capacity() + ", booked " + schedule.booked() + ", "
                    + schedule.seated() + " appointments not cancelled of which " + schedule.active() + " active";
            if (schedule.seated() > schedule.capacity() || schedule.booked() > schedule.capacity()) {
                result.violation(Invariant.I1, name + ": overbooked, " + counts);
            } else if (schedule.booked() != schedule.seated()) {
                result.violation(Invariant.I1, name + ": booked does not match its appointments, " + counts);
            }
        }
        result.checked(Invariant.I1, s.schedules.size());
    }

    // --- 2. reservation and appointment agree

    private static void appointments(SystemState s, CheckResult result) {
        for (Reservation r : s.reservations.values()) {
            Appointment a = s.appointments.get(r.id());
            String name = "reservation " + r.id() + " is " + r.status();
            if (LIVE.contains(r.status())) {
                String expected = "RESERVED".equals(r.status()) ? "BOOKED" : "AWAITING_APPROVAL";
                if (a == null) {
                    result.violation(Invariant.I2, name + " but has no appointment");
                } else if (!ACTIVE_APPOINTMENT.contains(a.status())) {
                    result.violation(Invariant.I2, name + " but its appointment is " + a.status());
                } else if (!a.scheduleId().equals(r.scheduleId())) {
                    result.violation(Invariant.I2, name + " on schedule " + r.scheduleId()
                            + " but its appointment holds a seat on schedule " + a.scheduleId() + " (" + a.changed() + ")");
                } else if (!expected.equals(a.status())) {
                    result.violation(Invariant.I2, name + " but its appointment is " + a.status()
                            + " (expected " + expected + ")");
                }
            } else if (CANCELLED.contains(r.status())) {
                if (a != null && ACTIVE_APPOINTMENT.contains(a.status())) {
                    result.violation(Invariant.I2, name + " but its appointment is " + a.status()
                            + " and holds a seat on schedule " + a.scheduleId());
                }
            } else if ("TREATED".equals(r.status())) {
                if (a == null || !"TREATED".equals(a.status())) {
                    result.violation(Invariant.I2, name + " but its appointment is "
                            + (a == null ? "missing" : a.status()));
                }
            } else {
                result.violation(Invariant.I2, name + ": unknown status");
            }
        }
        heldForNobody(s, result);
        for (Appointment a : s.appointments.values()) {
            Reservation r = s.reservations.get(a.reservationId());
            if (r == null && "TREATED".equals(a.status())) {
                result.violation(Invariant.I2, "appointment " + a.reservationId()
                        + " is TREATED but reservation-service has no such reservation");
            } else if (r != null && "TREATED".equals(a.status()) && !"TREATED".equals(r.status())) {
                result.violation(Invariant.I2, "appointment " + a.reservationId() + " is TREATED but its reservation is "
                        + r.status());
            }
        }
        result.checked(Invariant.I2, s.reservations.size() + s.appointments.size());
    }

    /** I2's seats held for nobody: an active appointment whose reservation does not exist. */
    private static void heldForNobody(SystemState s, CheckResult result) {
        for (Appointment a : s.appointments.values()) {
            if (ACTIVE_APPOINTMENT.contains(a.status()) && !s.reservations.containsKey(a.reservationId())) {
                result.violation(Invariant.I2, "appointment " + a.reservationId() + " is " + a.status()
                        + " and holds a seat on schedule " + a.scheduleId()
                        + " but reservation-service has no such reservation (" + a.changed() + ")");
            }
        }
    }

    // --- 3. one bill per treatment

    private static void bills(SystemState s, CheckResult result) {
        Map<UUID, Integer> billsPerReservation = new HashMap<>();
        s.bills.forEach(b -> billsPerReservation.merge(b.reservationId(), 1, Integer::sum));
        int treated = 0;
        for (Reservation r : s.reservations.values()) {
            if ("TREATED".equals(r.status())) {
                treated++;
                int count = billsPerReservation.getOrDefault(r.id(), 0);
                if (count != 1) {
                    result.violation(Invariant.I3, "reservation " + r.id() + " is TREATED but has " + count + " bills");
                }
            }
        }
        for (Bill b : s.bills) {
            Appointment a = s.appointments.get(b.reservationId());
            String name = "bill " + b.id() + " (" + b.status() + ", reservation " + b.reservationId() + ")";
            if (a == null || !"TREATED".equals(a.status())) {
                result.violation(Invariant.I3, name + ": the appointment was never treated (it is "
                        + (a == null ? "missing" : a.status()) + ")");
            } else if (!s.reservations.containsKey(b.reservationId())) {
                result.violation(Invariant.I3, name + ": reservation-service has no such reservation");
            }
            if ("PAID".equals(b.status()) && (b.payments() != 1 || b.paid() != b.total())) {
                result.violation(Invariant.I3, name + ": PAID with " + b.payments() + " payments of " + b.paid()
                        + " in all, total " + b.total());
            } else if (!"PAID".equals(b.status()) && b.payments() != 0) {
                result.violation(Invariant.I3, name + ": not PAID but has " + b.payments() + " payments");
            }
        }
        result.checked(Invariant.I3, treated + s.bills.size());
    }

    // --- 4. one notification per status change

    private static void notifications(SystemState s, CheckResult result) {
        for (Reservation r : s.reservations.values()) {
            Map<String, Integer> byType = countByType(s.notificationsByReservation.get(r.id()), "Reservation");
            int total = byType.values().stream().mapToInt(Integer::intValue).sum();
            List<String> problems = new ArrayList<>();
            long expected = r.version() + 1;
            if (total != expected) {
                problems.add(total + " notifications of reservation events, expected " + expected
                        + (total < expected ? " (" + (expected - total) + " missing)"
                                : " (" + (total - expected) + " too many)"));
            }
            expectCount(problems, byType, "ReservationPlaced", 1);
            if ("TREATED".equals(r.status())) {
                expectCount(problems, byType, "ReservationTreated", 1);
                if (byType.getOrDefault("ReservationCancelled", 0) > 1) {
                    expectCount(problems, byType, "ReservationCancelled", 1);
                }
            } else {
                expectCount(problems, byType, "ReservationTreated", 0);
                expectCount(problems, byType, "ReservationCancelled", CANCELLED.contains(r.status()) ? 1 : 0);
            }
            if (!problems.isEmpty()) {
                result.violation(Invariant.I4, "reservation " + r.id() + " (" + r.status() + ", version "
                        + r.version() + "): " + String.join("; ", problems) + "; has " + byType);
            }
        }
        for (Bill b : s.bills) {
            Map<String, Integer> byType = countByType(s.notificationsByReservation.get(b.reservationId()), "Bill");
            List<String> problems = new ArrayList<>();
            expectCount(problems, byType, "BillIssued", 1);
            expectCount(problems, byType, "BillPaid", "PAID".equals(b.status()) ? 1 : 0);
            if (!problems.isEmpty()) {
                result.violation(Invariant.I4, "bill " + b.id() + " (" + b.status() + ", reservation "
                        + b.reservationId() + "): " + String.join("; ", problems));
            }
        }
        int unknown = 0;
        for (Map.Entry<UUID, List<Notification>> entry : s.notificationsByReservation.entrySet()) {
            UUID id = entry.getKey();
            Map<String, Integer> bills = countByType(entry.getValue(), "Bill");
            if (!bills.isEmpty() && !s.billsByReservation.containsKey(id)) {
                result.violation(Invariant.I4, "reservation " + id + " has bill notifications " + bills
                        + " but billing-service has no bill for it");
            }
            if (!s.reservations.containsKey(id)) {
                unknown++;
                Map<String, Integer> events = countByType(entry.getValue(), "Reservation");
                if (!events.equals(Map.of("ReservationCancelled", 1))) {
                    result.violation(Invariant.I4, "reservation " + id + " does not exist but has notifications "
                            + events + " (only one ReservationCancelled of a failed placement may)");
                }
            }
        }
        for (View v : s.views.values()) {
            v.history().forEach((eventId, type) -> {
                if ((type.startsWith("Reservation") || type.startsWith("Bill"))
                        && !s.notifiedEventIds.contains(eventId)) {
                    result.violation(Invariant.I4, "status change " + type + " " + eventId + " of reservation "
                            + v.reservationId() + " (in the lookup history) has no notification");
                }
            });
        }
        result.checked(Invariant.I4, s.reservations.size() + s.bills.size() + unknown);
    }

    private static Map<String, Integer> countByType(List<Notification> notifications, String prefix) {
        Map<String, Integer> byType = new java.util.TreeMap<>();
        if (notifications != null) {
            for (Notification n : notifications) {
                if (n.eventType().startsWith(prefix)) {
                    byType.merge(n.eventType(), 1, Integer::sum);
                }
            }
        }
        return byType;
    }

    private static void expectCount(List<String> problems, Map<String, Integer> byType, String type, int expected) {
        int count = byType.getOrDefault(type, 0);
        if (count != expected) {
            problems.add(type + " x" + count + " (expected " + expected + ")");
        }
    }

    // --- 5. lookup view equals the sources

    private static void views(SystemState s, CheckResult result) {
        for (Reservation r : s.reservations.values()) {
            View v = s.views.get(r.id());
            if (v == null) {
                result.violation(Invariant.I5, "reservation " + r.id() + " (" + r.status() + ") has no lookup document");
                continue;
            }
            List<String> differences = new ArrayList<>();
            differ(differences, "reservationStatus", v.reservationStatus(), r.status());
            Appointment a = s.appointments.get(r.id());
            differ(differences, "appointmentStatus", v.appointmentStatus(), a == null ? null : a.status());
            Bill b = s.billsByReservation.get(r.id());
            differ(differences, "bill.id", v.billId(), b == null ? null : b.id());
            differ(differences, "bill.status", v.billStatus(), b == null ? null : b.status());
            differ(differences, "bill.total", v.billTotal(), b == null ? null : b.total());
            List<Notification> notified = s.notificationsByReservation.getOrDefault(r.id(), List.of());
            for (Notification n : notified) {
                if (!v.history().containsKey(n.eventId())) {
                    differences.add("history lacks " + n.eventType() + " " + n.eventId());
                }
            }
            if (!differences.isEmpty()) {
                result.violation(Invariant.I5, "view of reservation " + r.id() + " differs: "
                        + String.join("; ", differences));
            }
        }
        int orphans = 0;
        for (View v : s.views.values()) {
            if (!s.reservations.containsKey(v.reservationId())) {
                orphans++;
                if (!"CANCELLED".equals(v.reservationStatus()) || v.billId() != null) {
                    result.violation(Invariant.I5, "lookup document " + v.reservationId() + " shows "
                            + v.reservationStatus() + (v.billId() == null ? "" : " with bill " + v.billId())
                            + " but reservation-service has no such reservation");
                }
            }
        }
        result.checked(Invariant.I5, s.reservations.size() + orphans);
    }

    private static void differ(List<String> differences, String field, Object view, Object source) {
        if (view == null ? source != null : !view.equals(source)) {
            differences.add(field + " " + view + " (source: " + source + ")");
        }
    }

    // --- 6. nothing lost

    private static void nothingLost(SystemState s, Set<UUID> answered, CheckResult result) {
        for (UUID id : answered) {
            if (!s.reservations.containsKey(id)) {
                result.violation(Invariant.I6, "reservation " + id + " was answered 201 but does not exist");
            }
        }
        result.checked(Invariant.I6, answered.size());
    }
}
