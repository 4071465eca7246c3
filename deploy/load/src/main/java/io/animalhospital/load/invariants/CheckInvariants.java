package io.animalhospital.load.invariants;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;

/**
 * {@code deploy/load/check-invariants}: checks SPEC §5 against a running stack through read-only queries of its
 * five databases.
 *
 * <pre>
 * check-invariants [--settle 120s] [--ids FILE] [--markdown FILE] [--max-print N]
 * check-invariants --held-seats [--max-print N]
 * </pre>
 * Environment: PG_HOST (127.0.0.1), PG_PORT (15432), PG_USER / PG_PASSWORD (hospital / hospital).
 * Exit status: 0 no violation, 1 violations, 2 the databases could not be read, 64 bad usage.
 */
public final class CheckInvariants {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'")
            .withZone(ZoneOffset.UTC);

    private CheckInvariants() {
    }

    public static void main(String[] args) throws IOException {
        Duration settle = Duration.ZERO;
        Path ids = null;
        Path markdown = null;
        int maxPrint = 20;
        boolean heldSeats = false;
        try {
            for (int i = 0; i < args.length; i++) {
                switch (args[i]) {
                    case "--settle" -> settle = duration(args[++i]);
                    case "--ids" -> ids = Path.of(args[++i]);
                    case "--markdown" -> markdown = Path.of(args[++i]);
                    case "--max-print" -> maxPrint = Integer.parseInt(args[++i]);
                    case "--held-seats" -> heldSeats = true;
                    case "-h", "--help" -> {
                        usage(System.out);
                        return;
                    }
                    default -> throw new IllegalArgumentException("unknown argument " + args[i]);
                }
            }
            if (heldSeats && (ids != null || markdown != null || !settle.isZero())) {
                throw new IllegalArgumentException("--held-seats goes with --max-print only");
            }
            if (ids != null && !Files.isReadable(ids)) {
                throw new IllegalArgumentException("cannot read the ids file " + ids);
            }
        } catch (RuntimeException e) {
            System.err.println("check-invariants: " + e.getMessage());
            usage(System.err);
            System.exit(64);
            return;
        }
        InvariantChecker checker = new InvariantChecker(env("PG_HOST", "127.0.0.1"),
                Integer.parseInt(env("PG_PORT", "15432")), env("PG_USER", "hospital"), env("PG_PASSWORD", "hospital"),
                ids);
        if (heldSeats) {
            System.exit(heldSeats(checker, maxPrint));
            return;
        }
        System.out.println("Checking SPEC §5 invariants on " + checker.target()
                + (settle.isZero() ? "" : ", settling for up to " + settle.toSeconds() + " s"));
        CheckResult result = checker.settle(settle, line -> System.out.println("  " + line));
        print(result, maxPrint, System.out);
        if (markdown != null) {
            Files.createDirectories(markdown.toAbsolutePath().getParent());
            Files.writeString(markdown, markdown(result, checker.target(), ids, 50));
            System.out.println("Written " + markdown);
        }
        System.exit(result.error() != null ? 2 : result.clean() ? 0 : 1);
    }

    /**
     * {@code --held-seats}: the seats held for nobody (see {@link InvariantChecker#checkHeldSeats}), each with its
     * ids, then a last line "held-seats: N" for scripts ("held-seats: n/a" when the databases cannot be read).
     * Exit status as for the whole check.
     */
    private static int heldSeats(InvariantChecker checker, int maxPrint) {
        CheckResult result = checker.checkHeldSeats();
        if (result.error() != null) {
            System.out.println("Could not read the databases: " + result.error());
            System.out.println("held-seats: n/a");
            return 2;
        }
        List<String> held = result.violations(Invariant.I2);
        System.out.println("Seats held for nobody (appointments AWAITING_APPROVAL or BOOKED without a reservation, part "
                + "of I2) on " + checker.server() + " (databases diagnosis, reservation); read " + result.summaryOfData() + " at "
                + TIME.format(result.at()));
        held.subList(0, Math.min(maxPrint, held.size())).forEach(line -> System.out.println("[I2] " + line));
        if (held.size() > maxPrint) {
            System.out.println("[I2] ... and " + (held.size() - maxPrint) + " more");
        }
        System.out.println("held-seats: " + held.size());
        return held.isEmpty() ? 0 : 1;
    }

    /** The violations (at most {@code maxPrint} per invariant), then one summary line per invariant. */
    public static void print(CheckResult result, int maxPrint, PrintStream out) {
        if (result.error() != null) {
            out.println("Could not read the databases: " + result.error());
            return;
        }
        out.println("Read " + result.summaryOfData() + " at " + TIME.format(result.at()));
        for (Invariant invariant : Invariant.values()) {
            List<String> violations = result.violations(invariant);
            for (String violation : violations.subList(0, Math.min(maxPrint, violations.size()))) {
                out.println("[" + invariant + "] " + violation);
            }
            if (violations.size() > maxPrint) {
                out.println("[" + invariant + "] ... and " + (violations.size() - maxPrint) + " more");
            }
        }
        out.println();
        out.println("Summary (what each line checks: deploy/load/README.md, or --help)");
        for (Invariant invariant : Invariant.values()) {
            out.printf("  %s %-38s %7d checked  %5d violations%n", invariant, invariant.title(),
                    result.checked(invariant), result.violations(invariant).size());
        }
        out.println(result.clean() ? "RESULT: OK, no violation"
                : "RESULT: " + result.total() + " violations (" + result.shortCounts() + ")");
    }

    /** The results fragment (deploy/load/results/invariants.md). */
    public static String markdown(CheckResult result, String target, Path ids, int maxListed) {
        StringBuilder md = new StringBuilder();
        md.append("## Invariants (SPEC §5)\n\n");
        md.append("Checked ").append(TIME.format(result.at())).append(" by `deploy/load/check-invariants` on ")
                .append(target);
        if (ids != null) {
            md.append(", ids file `").append(ids.getFileName()).append('`');
        }
        md.append(".\n\n");
        if (result.error() != null) {
            md.append("**No verdict: the databases could not be read** (").append(result.error()).append(").\n");
            return md.toString();
        }
        md.append("Data read: ").append(result.summaryOfData()).append(".\n\n");
        md.append("| invariant | what is checked | checked | violations |\n|---|---|---:|---:|\n");
        for (Invariant invariant : Invariant.values()) {
            md.append("| ").append(invariant).append(' ').append(invariant.title()).append(" | ")
                    .append(invariant.meaning()).append(" | ").append(result.checked(invariant)).append(" | ")
                    .append(result.violations(invariant).size()).append(" |\n");
        }
        md.append('\n').append(result.clean() ? "**Result: no violation.**\n"
                : "**Result: " + result.total() + " violations.**\n");
        for (Invariant invariant : Invariant.values()) {
            List<String> violations = result.violations(invariant);
            if (violations.isEmpty()) {
                continue;
            }
            md.append("\n").append(invariant).append(" violations:\n\n");
            violations.subList(0, Math.min(maxListed, violations.size()))
                    .forEach(v -> md.append("- ").append(v).append('\n'));
            if (violations.size() > maxListed) {
                md.append("- ... and ").append(violations.size() - maxListed).append(" more\n");
            }
        }
        return md.toString();
    }

    /** "120s", "2m", "90" (seconds). */
    public static Duration duration(String text) {
        String t = text.trim().toLowerCase();
        if (t.endsWith("ms")) {
            return Duration.ofMillis(Long.parseLong(t.substring(0, t.length() - 2)));
        }
        if (t.endsWith("m")) {
            return Duration.ofMinutes(Long.parseLong(t.substring(0, t.length() - 1)));
        }
        return Duration.ofSeconds(Long.parseLong(t.endsWith("s") ? t.substring(0, t.length() - 1) : t));
    }

    private static void usage(PrintStream out) {
        out.println("""
                usage: deploy/load/check-invariants [--settle 120s] [--ids FILE] [--markdown FILE] [--max-print N]
                       deploy/load/check-invariants --held-seats [--max-print N]
                  --settle D     check again every 5 s until clean or D passed (eventual invariants), then report
                  --ids FILE     reservation ids answered 201, one per line: each must exist (invariant 6)
                  --markdown F   also write the result as a markdown fragment
                  --max-print N  violations printed per invariant (default 20)
                  --held-seats   only the seats held for nobody (part of I2): appointments AWAITING_APPROVAL or
                                 BOOKED whose reservation does not exist; reads diagnosis and reservation only,
                                 ends with a line "held-seats: N"
                environment: PG_HOST (127.0.0.1), PG_PORT (15432), PG_USER, PG_PASSWORD (hospital)
                exit: 0 clean, 1 violations, 2 databases unreadable

                The invariants:""");
        for (Invariant invariant : Invariant.values()) {
            out.println("  " + invariant + " " + invariant.title() + ": " + invariant.meaning());
        }
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }
}
