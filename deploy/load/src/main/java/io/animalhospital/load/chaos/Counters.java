package io.animalhospital.load.chaos;

import java.util.EnumMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * Per-second counts of outcomes per endpoint kind, from the driver's start; per kind, when the last 2xx came, so
 * an outage's end can be seen as "the first success after the restart"; every failure with its reason; and the
 * service's own refusals (4xx) per kind by status, so that a 401 or 403 (a token problem of the load) is told apart
 * from a full schedule's 409.
 */
final class Counters {

    private record Failure(long nanos, OpKind kind, String reason) {
    }

    private static final int KINDS = OpKind.values().length;
    private static final int OUTCOMES = Outcome.values().length;

    private final long start;
    private final int seconds;
    private final AtomicIntegerArray counts;
    private final AtomicLongArray lastOk = new AtomicLongArray(KINDS);
    private final ConcurrentLinkedQueue<Failure> failures = new ConcurrentLinkedQueue<>();
    private final Map<OpKind, Map<String, Integer>> refusals = new EnumMap<>(OpKind.class);

    Counters(long startNanos, int maxSeconds) {
        this.start = startNanos;
        this.seconds = maxSeconds;
        this.counts = new AtomicIntegerArray(maxSeconds * KINDS * OUTCOMES);
        for (int k = 0; k < KINDS; k++) {
            lastOk.set(k, Long.MIN_VALUE);
        }
        for (OpKind kind : OpKind.values()) {
            refusals.put(kind, new ConcurrentHashMap<>());
        }
    }

    /** @param reason of a failure: the HTTP status, or timeout / refused / io */
    void record(OpKind kind, Outcome outcome, String reason) {
        long now = System.nanoTime();
        if (outcome == Outcome.FAILED) {
            failures.add(new Failure(now, kind, reason));
        } else if (outcome == Outcome.REFUSED) {
            refusals.get(kind).merge(reason, 1, Integer::sum);
        }
        int second = second(now);
        counts.incrementAndGet((second * KINDS + kind.ordinal()) * OUTCOMES + outcome.ordinal());
        if (outcome == Outcome.OK) {
            lastOk.accumulateAndGet(kind.ordinal(), now, Math::max);
        }
    }

    /** Whether a request of this kind succeeded after the given instant (System.nanoTime). */
    boolean okSince(OpKind kind, long nanos) {
        return lastOk.get(kind.ordinal()) > nanos;
    }

    int second(long nanos) {
        return (int) Math.max(0, Math.min(seconds - 1, (nanos - start) / 1_000_000_000L));
    }

    int count(int second, OpKind kind, Outcome outcome) {
        return counts.get((second * KINDS + kind.ordinal()) * OUTCOMES + outcome.ordinal());
    }

    /** Sum over the whole seconds from {@code from} to {@code to} (System.nanoTime), both included. */
    int between(long from, long to, OpKind kind, Outcome outcome) {
        int sum = 0;
        for (int s = second(from); s <= second(to); s++) {
            sum += count(s, kind, outcome);
        }
        return sum;
    }

    /** Failures of a kind between two instants (System.nanoTime), counted by reason: "503" → 80, "timeout" → 11. */
    Map<String, Integer> failureReasons(long from, long to, OpKind kind) {
        Map<String, Integer> reasons = new TreeMap<>();
        for (Failure f : failures) {
            if (f.kind() == kind && f.nanos() >= from && f.nanos() <= to) {
                reasons.merge(f.reason(), 1, Integer::sum);
            }
        }
        return reasons;
    }

    /** The 4xx answers of a kind over the whole run, by status: "409" → 50. */
    Map<String, Integer> refusals(OpKind kind) {
        return new TreeMap<>(refusals.get(kind));
    }

    /** 401 and 403 answers of every kind: the load's tokens refused (expired, or a role missing). */
    int authRefusals() {
        return refusals.values().stream().mapToInt(m -> m.getOrDefault("401", 0) + m.getOrDefault("403", 0)).sum();
    }

    int total(OpKind kind, Outcome outcome) {
        int sum = 0;
        for (int s = 0; s < seconds; s++) {
            sum += count(s, kind, outcome);
        }
        return sum;
    }
}
