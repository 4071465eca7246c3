package io.animalhospital.load.invariants;

import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/** One pass of the checker: per invariant, how many things were checked and what was violated. */
public final class CheckResult {

    private final Map<Invariant, Integer> checked = new EnumMap<>(Invariant.class);
    private final Map<Invariant, List<String>> violations = new EnumMap<>(Invariant.class);
    private final Instant at = Instant.now();
    private String summaryOfData = "";
    private String error;

    CheckResult() {
        for (Invariant invariant : Invariant.values()) {
            checked.put(invariant, 0);
            violations.put(invariant, new ArrayList<>());
        }
    }

    static CheckResult failedToRead(String error) {
        CheckResult result = new CheckResult();
        result.error = error;
        return result;
    }

    void checked(Invariant invariant, int count) {
        checked.merge(invariant, count, Integer::sum);
    }

    void violation(Invariant invariant, String message) {
        violations.get(invariant).add(message);
    }

    void summaryOfData(String summary) {
        this.summaryOfData = summary;
    }

    public boolean clean() {
        return error == null && total() == 0;
    }

    /** The databases could not be read (e.g. PostgreSQL down): no verdict. */
    public String error() {
        return error;
    }

    public int total() {
        return violations.values().stream().mapToInt(List::size).sum();
    }

    public int checked(Invariant invariant) {
        return checked.get(invariant);
    }

    public List<String> violations(Invariant invariant) {
        return violations.get(invariant);
    }

    public Instant at() {
        return at;
    }

    public String summaryOfData() {
        return summaryOfData;
    }

    /** "I4: 3, I5: 12" — the invariants that fail, for progress lines. */
    public String shortCounts() {
        if (error != null) {
            return "cannot read: " + error;
        }
        List<String> parts = new ArrayList<>();
        violations.forEach((invariant, list) -> {
            if (!list.isEmpty()) {
                parts.add(invariant + ": " + list.size());
            }
        });
        return parts.isEmpty() ? "none" : String.join(", ", parts);
    }
}
