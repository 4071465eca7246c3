package io.animalhospital.load.chaos;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * Per-second counts of outcomes per endpoint kind, from the driver's start; per kind, when the last 2xx came, so
 * an outage's end can be seen as "the first success after the restart"; and every failure with its reason.
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

    Counters(long startNanos, int maxSeconds) {
        this.start = startNanos;
        this.seconds = maxSeconds;
        this.counts = new AtomicIntegerArray(maxSeconds * KINDS * OUTCOMES);
        for (int k = 0; k < KINDS; k++) {
            lastOk.set(k, Long.MIN_VALUE);
        }
    }

    /** @param reason of a failure: the HTTP status, or timeout / refused / io */
    void record(OpKind kind, Outcome outcome, String reason) {
        long now = System.nanoTime();
        if (outcome == Outcome.FAILED) {
            failures.add(new Failure(now, kind, reason));
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

    int total(OpKind kind, Outcome outcome) {
        int sum = 0;
        for (int s = 0; s < seconds; s++) {
            sum += count(s, kind, outcome);
        }
        return sum;
    }
}
