package io.animalhospital.load.chaos;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.StringJoiner;

import io.animalhospital.load.invariants.CheckResult;
import io.animalhospital.load.invariants.Invariant;

/** The results fragment deploy/load/results/chaos.md. */
final class ChaosReport {

    /** Services whose outage must not stop customers from placing reservations. */
    static final Set<String> SUPPORTING = Set.of("billing", "notice", "lookup");

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'")
            .withZone(ZoneOffset.UTC);

    private ChaosReport() {
    }

    /** The run's facts besides the outages: when, how, how long each phase took (s). */
    record Run(ChaosRun.Options options, Instant startedAt, double startup, double loadSeconds, String loadAverage,
            double settled, double wholeRun) {
    }

    static String markdown(Run run, LoadDriver driver, List<Outage> outages, List<String> skipped,
            CheckResult result, ServiceLogErrors errors) {
        ChaosRun.Options options = run.options();
        StringBuilder md = new StringBuilder();
        md.append("## Chaos: kill -9 under steady load\n\n");
        md.append("<!-- summary: chaos.violations=").append(result.error() != null ? "n/a" : result.total())
                .append(" -->\n");
        md.append("<!-- summary: chaos.errors=").append(errors.total() < 0 ? "n/a" : errors.total()).append(" -->\n");
        md.append("<!-- summary: chaos.errors_outside_outages=")
                .append(errors.total() < 0 ? "n/a" : errors.outsideOutages()).append(" -->\n\n");
        md.append("Run ").append(TIME.format(run.startedAt())).append(" on commit `").append(System.getProperty("chaos.commit", "unknown")).append("` with `deploy/load/chaos");
        if (!options.arguments.isEmpty()) {
            md.append(' ').append(options.arguments);
        }
        md.append('`');
        md.append(String.format(": a fresh local stack (up in %.0f s) on a %d-core machine (load average %s), a steady "
                + "mixed load of %.0f "
                + "requests/s for %.0f s (%d reservations answered 201, the recovery probes' included). One part at a time was killed with SIGKILL and "
                + "restarted %d s later, as a restart policy would. *Recovered* = all five services' readiness UP, a "
                + "2xx again from each of the killed part's own endpoints, and every service's Kafka consumer applying "
                + "events again (a probe story made after the restart: placed, approved, treated, billed, notified, "
                + "viewed; another placed and cancelled).%n%n", run.startup(),
                Runtime.getRuntime().availableProcessors(), run.loadAverage(), options.rate, run.loadSeconds(),
                driver.placed(),
                options.down.toSeconds()));
        md.append("| part killed | outage s (kill → recovered) | recovery s (restart → recovered) | readiness UP s | "
                + "events applied again s | failed requests during the outage, by kind (reason) | placing during the "
                + "outage |\n");
        md.append("|---|---:|---:|---:|---:|---|---|\n");
        for (Outage o : outages) {
            md.append("| ").append(o.part()).append(" | ").append(seconds(o.outage())).append(" | ")
                    .append(seconds(o.recovery())).append(" | ").append(seconds(o.ready())).append(" | ")
                    .append(seconds(o.eventsFlow())).append(" | ").append(failed(o.failed())).append(" | ")
                    .append(placing(o)).append(" |\n");
        }
        for (String part : skipped) {
            md.append("| ").append(part).append(" | not killed: the time budget ran out | | | | | |\n");
        }
        md.append("\nWhen each service's consumer applied the probe's events, in seconds after the restart began "
                + "(a consumer whose group still counts the killed instance as a member waits for its session to time "
                + "out):\n\n| part killed | reservation | diagnosis | billing | notice | lookup |\n"
                + "|---|---:|---:|---:|---:|---:|\n");
        for (Outage o : outages) {
            md.append("| ").append(o.part());
            o.consumers().values().forEach(value -> md.append(" | ").append(seconds(value)));
            md.append(" |\n");
        }
        outages.stream().filter(o -> !o.note().isEmpty())
                .forEach(o -> md.append("\n").append(o.part()).append(": ").append(o.note()).append('\n'));

        md.append("\nAll requests of the run, by kind (failed = 5xx, timeout or refused connection; 4xx = the "
                + "service's own answer, e.g. a full schedule or a view not built yet, by status):\n\n");
        md.append("| kind | endpoint | as | 2xx | 4xx | failed |\n|---|---|---|---:|---:|---:|\n");
        Counters c = driver.counters();
        for (OpKind kind : OpKind.values()) {
            md.append("| ").append(kind.label()).append(" | `").append(kind.endpoint()).append("` | ")
                    .append(caller(kind)).append(" | ").append(c.total(kind, Outcome.OK)).append(" | ")
                    .append(c.total(kind, Outcome.REFUSED)).append(statuses(c.refusals(kind)))
                    .append(" | ").append(c.total(kind, Outcome.FAILED)).append(" |\n");
        }
        md.append(String.format("%nTokens (SPEC §7): from the stack's Keycloak, password grant of the local-development "
                + "client, %d accounts (%d customers `%s`… with a phone each, `%s` for the clinic; every request "
                + "carries its caller's token), refreshed every %d s before the 300 s they live: %d tokens fetched, "
                + "%d fetches failed%s, %d requests sent with an expired token. 401/403 answers: **%d** (0 expected).%n",
                driver.tokens().accounts(), driver.customers().size(), driver.customers().get(0).username(),
                driver.staff(), io.animalhospital.load.auth.Tokens.REFRESH_EVERY.toSeconds(),
                driver.tokens().fetched(), driver.tokens().failed(),
                driver.tokens().failed() > 0 ? " (the last: " + driver.tokens().lastFailure() + ")" : "",
                driver.tokens().expiredUsed(), c.authRefusals()));
        if (driver.skipped() > 0) {
            md.append("\n").append(driver.skipped()).append(" operations were not sent: 200 requests were in flight.\n");
        }

        md.append("\nTargets:\n\n");
        boolean kept = outages.stream().filter(o -> SUPPORTING.contains(o.part())).allMatch(o -> o.placeFailed() == 0);
        boolean lost = !result.violations(Invariant.I6).isEmpty();
        md.append("- placing kept working while billing, notice or lookup was down: ")
                .append(kept ? "**yes**" : "**no**").append('\n');
        md.append("- reservations answered 201 and lost: **")
                .append(result.error() != null ? "unknown" : result.violations(Invariant.I6).size()).append("** of ")
                .append(driver.placed()).append(lost ? " (see invariants.md)" : "").append('\n');
        md.append("- invariant violations after settling: **")
                .append(result.error() != null ? "no verdict (" + result.error() + ")" : result.total()).append("**")
                .append(String.format(" (settled in %.0f s; ", run.settled()))
                .append(result.clean() ? "the checker found the system clean" : result.shortCounts())
                .append("; details in invariants.md)\n");
        md.append("- no ERROR in the services' logs: **").append(errors.total() < 0 ? "not counted" : errors.total())
                .append("**").append(errors.total() > 0 ? " (" + errors.outsideOutages() + " of them outside the "
                        + "outages, when no part was down; a killed part makes the others log errors while it is down)"
                        : "").append('\n');
        md.append("- no request refused for its token (401/403): **").append(c.authRefusals() == 0 ? "yes" : "no, "
                + c.authRefusals()).append("**\n");
        md.append("- every part recovered: ").append(outages.stream().allMatch(Outage::recovered) && skipped.isEmpty()
                ? "**yes**" : "**no**").append('\n');
        md.append('\n').append(errors.markdown());
        md.append(String.format("%nThe whole run took %.0f s (stack start, load with the outages, settle, check).%n",
                run.wholeRun()));
        md.append("\nPer-second counters, ids answered 201 and every process's log: `deploy/load/target/chaos/` "
                + "(`ops-per-second.csv`, `placed-ids.txt`, `state/logs/`).\n");
        return md.toString();
    }

    /** Whose token the kind's requests carry. */
    private static String caller(OpKind kind) {
        return switch (kind) {
            case PLACE -> "a customer";
            case APPROVE, DECLINE, TREAT -> "staff";
            case BILL, PAY -> "owner, or staff (1 in 4)";
            default -> "owner";
        };
    }

    /** " (409: 50, 404: 4)", or nothing. */
    private static String statuses(Map<String, Integer> refusals) {
        if (refusals.isEmpty()) {
            return "";
        }
        StringJoiner joiner = new StringJoiner(", ", " (", ")");
        refusals.forEach((status, count) -> joiner.add(status + ": " + count));
        return joiner.toString();
    }

    private static String seconds(double value) {
        return value < 0 ? "not within the timeout" : String.format("%.1f", value);
    }

    /** "place 91 (503: 80, timeout: 11), view 3 (refused: 3)". */
    static String failed(Map<OpKind, Map<String, Integer>> failed) {
        if (failed.isEmpty()) {
            return "none";
        }
        StringJoiner joiner = new StringJoiner(", ");
        failed.forEach((kind, reasons) -> {
            StringJoiner why = new StringJoiner(", ");
            reasons.forEach((reason, count) -> why.add(reason + ": " + count));
            joiner.add(kind.label() + " " + reasons.values().stream().mapToInt(Integer::intValue).sum() + " (" + why + ")");
        });
        return joiner.toString();
    }

    private static String placing(Outage o) {
        if (o.placeFailed() == 0) {
            return "kept working: " + o.placeOk() + " placed, none failed";
        }
        return (o.placeOk() > 0 ? "degraded: " : "down: ") + o.placeOk() + " placed, " + o.placeFailed() + " failed";
    }
}
