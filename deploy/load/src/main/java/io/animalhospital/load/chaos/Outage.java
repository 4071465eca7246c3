package io.animalhospital.load.chaos;

import java.time.Instant;
import java.util.Map;

/**
 * One part killed and brought back. Times in seconds; a negative time means "not reached before the recovery
 * timeout". {@code failed} counts the failed requests (5xx, timeouts, refused connections) per kind and reason,
 * from the kill to the recovery.
 *
 * @param down         kill → restart begun (the restart policy's delay)
 * @param ready        restart begun → all five services' readiness UP
 * @param ownOk        restart begun → first 2xx of each of the part's own endpoint kinds
 * @param eventsFlow   restart begun → every service's consumer applied an event produced after the restart
 * @param consumers    per consuming service: restart begun → its effect of the probe's events seen (s, -1 never)
 * @param recovery     restart begun → all of the above
 * @param outage       kill → all of the above
 * @param placeOk      reservations placed (201) during the outage
 * @param placeFailed  placements that failed during the outage
 */
record Outage(String part, Instant killedAt, double down, double ready, double ownOk, double eventsFlow,
        Map<String, Double> consumers, double recovery, double outage, Map<OpKind, Map<String, Integer>> failed, int placeOk, int placeFailed, String note) {

    boolean recovered() {
        return recovery >= 0;
    }
}
