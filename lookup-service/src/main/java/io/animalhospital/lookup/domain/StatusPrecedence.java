package io.animalhospital.lookup.domain;

import java.time.Instant;
import java.util.Map;
import java.util.Set;

/**
 * Decides whether a status carried by an event may replace the one the view holds. This is what makes the view
 * converge whatever the order in which events of different topics (or a replay) arrive:
 * <ol>
 * <li>A terminal status (cancelled, treated, paid) is never followed by a live one in the clinic's process, so it
 * wins over a live status whatever the timestamps say: a late {@code ReservationPlaced} cannot revive a treated
 * reservation, even if the producers' clocks disagree.</li>
 * <li>Otherwise the event that happened later ({@code occurredAt}) wins: a reservation may legitimately go back
 * from {@code RESERVED} to {@code AWAITING_APPROVAL} when it moves to a schedule that needs approval.</li>
 * <li>Same instant: the further-advanced status wins, so the outcome does not depend on arrival order.</li>
 * </ol>
 * The rule only looks at the two candidates, never at the arrival order, so applying any permutation of the same
 * events yields the same status.
 */
public record StatusPrecedence(Map<String, Integer> rank, Set<String> terminal) {

    public static final StatusPrecedence RESERVATION = new StatusPrecedence(
            Map.of("AWAITING_APPROVAL", 1, "RESERVED", 2, "TREATED", 3, "CANCELLED", 3, "CANCELLED_BY_CLINIC", 3),
            Set.of("TREATED", "CANCELLED", "CANCELLED_BY_CLINIC"));

    public static final StatusPrecedence APPOINTMENT = new StatusPrecedence(
            Map.of("AWAITING_APPROVAL", 1, "BOOKED", 2, "TREATED", 3, "CANCELLED", 3),
            Set.of("TREATED", "CANCELLED"));

    public static final StatusPrecedence BILL = new StatusPrecedence(Map.of("ISSUED", 1, "PAID", 2), Set.of("PAID"));

    public boolean supersedes(String current, Instant currentAt, String candidate, Instant candidateAt) {
        if (candidate == null) {
            return false;
        }
        if (current == null || currentAt == null) {
            return true;
        }
        boolean currentTerminal = terminal.contains(current);
        boolean candidateTerminal = terminal.contains(candidate);
        if (currentTerminal != candidateTerminal) {
            return candidateTerminal;
        }
        int byTime = candidateAt.compareTo(currentAt);
        if (byTime != 0) {
            return byTime > 0;
        }
        int byRank = Integer.compare(rank.getOrDefault(candidate, 0), rank.getOrDefault(current, 0));
        return byRank != 0 ? byRank > 0 : candidate.compareTo(current) > 0;
    }

    /**
     * The appointment's status as a reservation event reveals it (diagnosis confirmed the seat before
     * reservation-service published): a reserved seat is a booked appointment, any cancellation cancels it.
     */
    public static String appointmentOf(String reservationStatus) {
        if (reservationStatus == null) {
            return null;
        }
        return switch (reservationStatus) {
            case "AWAITING_APPROVAL" -> "AWAITING_APPROVAL";
            case "RESERVED" -> "BOOKED";
            case "TREATED" -> "TREATED";
            case "CANCELLED", "CANCELLED_BY_CLINIC" -> "CANCELLED";
            default -> null;
        };
    }
}
