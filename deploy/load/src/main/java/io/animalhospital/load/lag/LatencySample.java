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
        if (millis.isEmpty()) {
            return Double.NaN;
        }
        List<Double> sorted = new ArrayList<>(millis);
        Collections.sort(sorted);
        int rank = (int) Math.ceil(p / 100.0 * sorted.size());
        return sorted.get(Math.max(0, Math.min(sorted.size(), rank) - 1));
    }

    synchronized double mean() {
        return millis.stream().mapToDouble(Double::doubleValue).average().orElse(Double.NaN);
    }

    synchronized double max() {
        return millis.stream().mapToDouble(Double::doubleValue).max().orElse(Double.NaN);
    }

    /** {@code prefix_count=…}, {@code prefix_p50_ms=…} … as lines of a properties file; "n/a" when empty. */
    String properties(String prefix) {
        StringBuilder out = new StringBuilder();
        out.append(prefix).append("_count=").append(count()).append('\n');
        for (int p : new int[] {50, 95, 99}) {
            out.append(prefix).append("_p").append(p).append("_ms=").append(format(percentile(p))).append('\n');
        }
        out.append(prefix).append("_mean_ms=").append(format(mean())).append('\n');
        out.append(prefix).append("_max_ms=").append(format(max())).append('\n');
        return out.toString();
    }

    static String format(double ms) {
        return Double.isNaN(ms) ? "n/a" : String.format(Locale.ROOT, "%.1f", ms);
    }
}
