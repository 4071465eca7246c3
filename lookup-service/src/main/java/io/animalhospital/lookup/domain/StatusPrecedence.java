package io.animalhospital.lookup.domain;

import java.time.Instant;

/**
 * Decides whether a status carried by an event may replace the one the view holds. This is what makes the view
 * converge whatever the order in which events of different topics (or a replay) arrive:
 * <ol>
 * <li>A terminal status (cancelled, treated, paid) is never followed by a live one in the clinic's process, so it
 * wins over a live status whatever the timestamps say: a late {@code ReservationPlaced} cannot revive a treated
 * reservation, even if the producers' clocks disagree.</li>
 * <li>Otherwise the event that happened later ({@code occurredAt}) wins: a reservation may legitimately go back
 * from {@code RESERVED} to {@code AWAITING_APPROVAL} when it moves to a schedule that needs approval.</li>
 * <li>Same instant: the further-advanced status wins, then the name, so the outcome does not depend on arrival
 * order.</li>
 * </ol>
 */
public final class StatusPrecedence {

    private StatusPrecedence() {
    }

    public static <S extends Enum<S> & ClinicStatus> boolean supersedes(S current, Instant currentAt, S candidate,
            Instant candidateAt) {
        if (candidate == null) {
            return false;
        }
        if (current == null || currentAt == null) {
            return true;
        }
        if (current.terminal() != candidate.terminal()) {
            return candidate.terminal();
        }
        int byTime = candidateAt.compareTo(currentAt);
        if (byTime != 0) {
            return byTime > 0;
        }
        int byRank = Integer.compare(candidate.rank(), current.rank());
        return byRank != 0 ? byRank > 0 : candidate.name().compareTo(current.name()) > 0;
    }
}
