package io.animalhospital.load.lag;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

/**
 * Durations in milliseconds collected by many threads, summarised as count, mean and nearest-rank percentiles
 * (the value below which p % of the samples lie, never an interpolation between two samples).
 */
final class LatencySample {

    private final List<Double> millis = new ArrayList<>();

    synchronized void add(double ms) {
        millis.add(ms);
    }

    /** A copy that no longer changes. */
    synchronized LatencySample copy() {
        LatencySample copy = new LatencySample();
        copy.millis.addAll(millis);
        return copy;
    }

    synchronized int count() {
        return millis.size();
    }

    /** Nearest rank: the ceil(p/100 * n)-th smallest sample; NaN when there is none. */
    synchronized double percentile(double p) {
        return rank(p, 0) <= millis.size() ? sortedAt(rank(p, 0)) : Double.NaN;
    }

    /**
     * The percentile when {@code beyond} more samples are known to exceed every measured one (waits given up
     * after a timeout): those take the top ranks, so if the rank falls among them the answer is only "more than
     * the timeout" ({@link #censored}).
     */
    synchronized double percentile(double p, int beyond, double timeoutMs) {
        if (millis.isEmpty() && beyond == 0) {
            return Double.NaN;
        }
        int rank = rank(p, beyond);
        return rank <= millis.size() ? sortedAt(rank) : timeoutMs;
    }

    synchronized boolean censored(double p, int beyond) {
        return beyond > 0 && rank(p, beyond) > millis.size();
    }

    private int rank(double p, int beyond) {
        int n = millis.size() + beyond;
        return n == 0 ? Integer.MAX_VALUE : Math.max(1, (int) Math.ceil(p / 100.0 * n));
    }

    private double sortedAt(int rank) {
        List<Double> sorted = new ArrayList<>(millis);
        Collections.sort(sorted);
        return sorted.get(rank - 1);
    }

    synchronized double mean() {
        return millis.stream().mapToDouble(Double::doubleValue).average().orElse(Double.NaN);
    }

    synchronized double max() {
        return millis.stream().mapToDouble(Double::doubleValue).max().orElse(Double.NaN);
    }

    /**
     * {@code prefix_count=…}, {@code prefix_p50_ms=…} … as lines of a properties file, "n/a" when empty. With
     * {@code beyond} samples known to exceed {@code timeoutMs}, a percentile that falls among them is written as
     * the timeout with {@code prefix_pNN_beyond=1}: the true value is larger.
     */
    synchronized String properties(String prefix, int beyond, double timeoutMs) {
        StringBuilder out = new StringBuilder();
        out.append(prefix).append("_count=").append(count()).append('\n');
        for (int p : new int[] {50, 95, 99}) {
            boolean over = censored(p, beyond);
            out.append(prefix).append("_p").append(p).append("_ms=")
                    .append(format(over ? timeoutMs : percentile(p, beyond, timeoutMs))).append('\n');
            out.append(prefix).append("_p").append(p).append("_beyond=").append(over ? 1 : 0).append('\n');
        }
        out.append(prefix).append("_mean_ms=").append(format(mean())).append('\n');
        out.append(prefix).append("_max_ms=").append(format(max())).append('\n');
        return out.toString();
    }

    String properties(String prefix) {
        return properties(prefix, 0, Double.NaN);
    }

    static String format(double ms) {
        return Double.isNaN(ms) ? "n/a" : String.format(Locale.ROOT, "%.1f", ms);
    }
}
