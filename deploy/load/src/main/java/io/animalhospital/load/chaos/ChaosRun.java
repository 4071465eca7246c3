package io.animalhospital.load.chaos;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;

import io.animalhospital.infra.LocalStack;
import io.animalhospital.infra.PostgresServer;
import io.animalhospital.load.auth.LoadCustomers;
import io.animalhospital.load.auth.LoadCustomers.Customer;
import io.animalhospital.load.auth.Tokens;
import io.animalhospital.load.invariants.CheckInvariants;
import io.animalhospital.load.invariants.CheckResult;
import io.animalhospital.load.invariants.InvariantChecker;

/**
 * {@code deploy/load/chaos}: a throwaway local stack under a steady mixed load; each part in turn (the five
 * services, the Kafka broker, PostgreSQL) is killed with SIGKILL and restarted after a short delay, as a restart
 * policy would; then the load stops, the system settles and the invariant checker runs. Writes
 * deploy/load/results/chaos.md and invariants.md.
 * <p>
 * The stack is driven in-process through {@link LocalStack}: one JVM owns every process, so nothing outlives
 * the run (Ctrl-C included) and the kill is exactly one part's.
 * <p>
 * Tokens (SPEC §7) come from the stack's Keycloak: {@code --customers} (20) customer accounts with a phone each
 * (LOCAL DEVELOPMENT ONLY, {@link LoadCustomers}) are added to its realm once, plus one for the recovery probe;
 * staff is the local stack's demo account.
 */
public final class ChaosRun {

    /** What must answer 2xx again after a part's restart: its own endpoints (PostgreSQL: everyone's). */
    private static final Map<String, List<OpKind>> OWN = Map.of(
            "reservation", List.of(OpKind.PLACE, OpKind.CHANGE, OpKind.CANCEL),
            "diagnosis", List.of(OpKind.PLACE, OpKind.APPROVE, OpKind.TREAT),
            "billing", List.of(OpKind.BILL, OpKind.PAY),
            "notice", List.of(OpKind.NOTICES),
            "lookup", List.of(OpKind.VIEW),
            "kafka", List.of(OpKind.PLACE),
            "postgres", List.of(OpKind.PLACE, OpKind.APPROVE, OpKind.BILL, OpKind.VIEW, OpKind.NOTICES),
            // Only with --parts: the tokens in use stay valid and the services verify them with the keys they have.
            "keycloak", List.of(OpKind.PLACE));

    private final Options options;
    private final Path root;
    private final Path runDir;
    private final LocalStack stack;
    private volatile LoadDriver driver;
    private volatile Tokens tokens;
    private final List<Outage> outages = new ArrayList<>();
    private final List<String> skipped = new ArrayList<>();
    private String probeCustomer;
    private final long started = System.nanoTime();
    private final Instant startedAt = Instant.now();

    private ChaosRun(Options options, Path root) {
        this.options = options;
        this.root = root;
        this.runDir = root.resolve("deploy/load/target/chaos");
        this.stack = new LocalStack(root, runDir.resolve("state"));
    }

    public static void main(String[] args) throws Exception {
        Options options;
        try {
            options = Options.parse(args);
        } catch (RuntimeException e) {
            System.err.println("chaos: " + e.getMessage());
            System.err.println(Options.USAGE);
            System.exit(64);
            return;
        }
        if (options == null) {
            System.out.println(Options.USAGE);
            return;
        }
        Path root = Path.of(System.getProperty("animal.root", ".")).toAbsolutePath().normalize();
        ChaosRun run = new ChaosRun(options, root);
        Thread stopper = new Thread(run::abort, "chaos-stack-stop");
        Runtime.getRuntime().addShutdownHook(stopper);
        int exit;
        try {
            exit = run.run();
        } catch (Exception e) {
            log("FAILED: " + e);
            e.printStackTrace();
            exit = 3;
        }
        // Stop here rather than in the hook only, so that the exit status comes after a clean stop.
        Runtime.getRuntime().removeShutdownHook(stopper);
        run.stack.stop();
        System.exit(exit);
    }

    /** Ctrl-C or SIGTERM: no more load, then the stack goes. */
    private void abort() {
        if (driver != null) {
            driver.halt();
        }
        if (tokens != null) {
            tokens.close();
        }
        stack.stop();
    }

    private int run() throws Exception {
        log("run folder " + runDir + " (a fresh stack: state, logs, ids and per-second counters)");
        deleteTree(runDir);
        Files.createDirectories(runDir);
        stack.start(false);
        double startup = seconds(started, System.nanoTime());
        String loadBefore = loadAverage();
        log(String.format("stack up in %.0f s; steady load at %.0f ops/s", startup, options.rate));

        List<Customer> customers = LoadCustomers.numbered("chaos-customer", "010-5000-", options.customers);
        Customer probe = LoadCustomers.numbered("chaos-probe", "010-5999-", 1).get(0);
        List<Customer> accounts = new ArrayList<>(customers);
        accounts.add(probe);
        stack.keycloak().importIntoRealm(LoadCustomers.partialImport(accounts));
        tokens = new Tokens(stack.keycloak().url());
        String staff = staffAccount();
        for (Customer customer : accounts) {
            tokens.account(customer.username(), LoadCustomers.PASSWORD);
        }
        log(accounts.size() + " customer accounts in the realm (" + customers.get(0).username() + "…, each with a phone of its own; " + probe.username() + " for the recovery probe), tokens from "
                + stack.keycloak().url() + ", refreshed every " + Tokens.REFRESH_EVERY.toSeconds() + " s");
        driver = new LoadDriver(stack.servicePorts(), tokens, customers, staff, options.rate, options.seed,
                runDir.resolve("placed-ids.txt"), runDir.resolve("ops-per-second.csv"), System.out);
        probeCustomer = probe.username();
        driver.createSchedules();
        driver.start((int) options.budget.toSeconds() + 600, options.warmup);
        long loadStarted = System.nanoTime();
        sleep(options.warmup);

        long deadline = started + options.budget.toNanos();
        for (String part : options.parts) {
            // Each outage needs the gap, the down time and about a minute to recover (the settle comes on top).
            long needed = options.gap.plus(options.down).plusSeconds(60).toNanos();
            if (System.nanoTime() + needed > deadline) {
                skipped.add(part);
                log("skipping the " + part + " outage: not enough of the " + options.budget.toMinutes()
                        + " min budget left");
                continue;
            }
            outages.add(outage(part, deadline));
        }
        sleep(options.gap);
        driver.stop();
        double loadSeconds = seconds(loadStarted, System.nanoTime());
        log("load stopped after " + Math.round(loadSeconds) + " s: " + driver.placed() + " reservations answered 201");

        log("letting the system settle (up to " + options.settle.toSeconds() + " s) and checking the invariants");
        InvariantChecker checker = new InvariantChecker("127.0.0.1", stack.postgresPort(), PostgresServer.USER,
                PostgresServer.PASSWORD, runDir.resolve("placed-ids.txt"));
        long settleStarted = System.nanoTime();
        CheckResult result = checker.settle(options.settle, line -> log("  " + line));
        double settled = seconds(settleStarted, System.nanoTime());
        CheckInvariants.print(result, 20, System.out);

        // The services' ERROR lines, placed against the outages (kill → recovered; to now if not recovered).
        Map<String, Path> logs = new LinkedHashMap<>();
        stack.servicePorts().keySet().forEach(service -> logs.put(service, stack.logFile(service)));
        List<Instant[]> windows = outages.stream().map(o -> new Instant[] {o.killedAt(),
                o.recovered() ? o.killedAt().plusMillis(Math.round(o.outage() * 1000)) : Instant.now()}).toList();
        ServiceLogErrors errors = ServiceLogErrors.count(logs, windows);
        log("ERROR lines in the services' logs: " + errors.total() + " (" + errors.byService() + ")");

        // LOAD_RESULTS: another folder for the fragments (trial runs), as for the other scenarios.
        String elsewhere = System.getenv("LOAD_RESULTS");
        Path results = Files.createDirectories(elsewhere == null || elsewhere.isBlank()
                ? root.resolve("deploy/load/results") : Path.of(elsewhere).toAbsolutePath());
        Files.writeString(results.resolve("invariants.md"), CheckInvariants.markdown(result, checker.target()
                + " of the chaos run's stack, after the load stopped and up to " + options.settle.toSeconds()
                + " s to settle", runDir.resolve("placed-ids.txt"), 50));
        ChaosReport.Run facts = new ChaosReport.Run(options, startedAt, startup, loadSeconds,
                loadBefore + " when the load began, " + loadAverage() + " at its end", settled,
                seconds(started, System.nanoTime()));
        Files.writeString(results.resolve("chaos.md"),
                ChaosReport.markdown(facts, driver, outages, skipped, result, errors));
        log("written " + results.resolve("chaos.md") + " and " + results.resolve("invariants.md"));

        boolean isolationKept = outages.stream().filter(o -> ChaosReport.SUPPORTING.contains(o.part()))
                .allMatch(o -> o.placeFailed() == 0);
        boolean allRecovered = outages.stream().allMatch(Outage::recovered) && skipped.isEmpty();
        if (!result.clean()) {
            log("RESULT: invariant violations (" + result.shortCounts() + ")");
            return 1;
        }
        if (!isolationKept || !allRecovered) {
            log("RESULT: invariants hold, but " + (!allRecovered ? "not every part was killed and recovered"
                    : "placing failed while a supporting service was down"));
            return 2;
        }
        log(String.format("RESULT: OK, every part killed and recovered, no invariant violated; whole run %.0f s",
                seconds(started, System.nanoTime())));
        return 0;
    }

    /**
     * The demo account staff, or, when the realm gives it no token (its user profile requires a phone of every
     * account, and the demo staff has none: "Account is not fully set up"), a staff account of the run's own with a
     * phone, chaos-staff-0001.
     */
    private String staffAccount() {
        try {
            tokens.account("staff", LocalStack.DEMO_ACCOUNTS.get("staff"));
            return "staff";
        } catch (IllegalStateException e) {
            log("the demo account staff gets no token (" + e.getMessage() + "); using chaos-staff-0001, a staff "
                    + "account of this run's own with a phone");
            Customer staff = LoadCustomers.numbered("chaos-staff", "010-5998-", 1).get(0);
            stack.keycloak().importIntoRealm(LoadCustomers.partialImport(List.of(staff), "staff"));
            tokens.account(staff.username(), LoadCustomers.PASSWORD);
            return staff.username();
        }
    }

    private Outage outage(String part, long deadline) {
        sleep(options.gap);
        log("=== killing " + part + " with SIGKILL"
                + stack.process(part).map(p -> " (pid " + p.pid() + ")").orElse(""));
        Instant killedAt = Instant.now();
        long kill = System.nanoTime();
        stack.kill(part);
        sleep(options.down);
        long restart = System.nanoTime();
        String note = "";
        try {
            stack.restart(part);
        } catch (RuntimeException e) {
            // One more try, as a restart policy would; the failure stays in the report.
            note = "first restart failed: " + e.getMessage().lines().findFirst().orElse("");
            log(note + "; trying again in 5 s");
            sleep(Duration.ofSeconds(5));
            stack.restart(part);
        }
        // Waiting stops at the recovery timeout, and at the run's budget: the run stays bounded.
        long timeout = Math.min(restart + options.recoveryTimeout.toNanos(), deadline);
        long ready = await(timeout, () -> stack.servicePorts().keySet().stream().allMatch(stack::ready));
        long ownOk = await(timeout, () -> OWN.get(part).stream().allMatch(k -> driver.counters().okSince(k, restart)));
        long remaining = Math.max(0, timeout - System.nanoTime());
        Map<String, Long> applied = new FlowProbe(driver, probeCustomer).run(Duration.ofNanos(remaining));
        long flow = applied.containsValue(LoadDriver.NEVER) ? LoadDriver.NEVER
                : applied.values().stream().mapToLong(Long::longValue).max().orElse(LoadDriver.NEVER);
        Map<String, Double> consumers = new LinkedHashMap<>();
        applied.forEach((service, at) -> consumers.put(service, since(restart, at)));
        boolean recovered = ready != LoadDriver.NEVER && ownOk != LoadDriver.NEVER && flow != LoadDriver.NEVER;
        long end = recovered ? Math.max(ready, Math.max(ownOk, flow)) : System.nanoTime();
        Map<OpKind, Map<String, Integer>> failed = new EnumMap<>(OpKind.class);
        for (OpKind kind : OpKind.values()) {
            Map<String, Integer> reasons = driver.counters().failureReasons(kill, end, kind);
            if (!reasons.isEmpty()) {
                failed.put(kind, reasons);
            }
        }
        if (ready == LoadDriver.NEVER) {
            note = (note.isEmpty() ? "" : note + "; ") + "not ready at the timeout: " + stack.servicePorts().keySet()
                    .stream().filter(service -> !stack.ready(service)).toList();
        }
        Outage outage = new Outage(part, killedAt, seconds(kill, restart), since(restart, ready),
                since(restart, ownOk), since(restart, flow), consumers, recovered ? seconds(restart, end) : -1,
                recovered ? seconds(kill, end) : -1, failed,
                driver.counters().between(kill, end, OpKind.PLACE, Outcome.OK),
                driver.counters().between(kill, end, OpKind.PLACE, Outcome.FAILED), note);
        log(String.format("=== %s: %s; outage %.1f s, recovery %.1f s (ready %.1f s, own endpoints %.1f s, "
                + "events applied again %.1f s: %s); failed requests %s", part,
                recovered ? "recovered" : "NOT RECOVERED", outage.outage(), outage.recovery(), outage.ready(),
                outage.ownOk(), outage.eventsFlow(), consumers, ChaosReport.failed(failed)));
        return outage;
    }

    /** Polls until the condition holds; System.nanoTime() then, or {@link LoadDriver#NEVER} at the deadline. */
    private static long await(long deadline, BooleanSupplier condition) {
        while (System.nanoTime() < deadline) {
            if (condition.getAsBoolean()) {
                return System.nanoTime();
            }
            sleep(Duration.ofMillis(200));
        }
        return LoadDriver.NEVER;
    }

    /** The machine's 1-minute load average: the run's numbers depend on what else the cores are doing. */
    private static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).split(" ")[0];
        } catch (IOException | RuntimeException e) {
            return "?";
        }
    }

    private static double since(long from, long to) {
        return to == LoadDriver.NEVER ? -1 : seconds(from, to);
    }

    private static double seconds(long from, long to) {
        return (to - from) / 1e9;
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }

    static void log(String message) {
        System.out.println("[chaos " + LocalTime.now().truncatedTo(ChronoUnit.SECONDS) + "] " + message);
        System.out.flush();
    }

    /** The command line. */
    static final class Options {

        static final String USAGE = """
                usage: deploy/load/chaos [--parts billing,notice,lookup,diagnosis,reservation,kafka,postgres]
                                         [--rate 20] [--warmup 30s] [--gap 5s] [--down 5s] [--recovery-timeout 180s]
                                         [--settle 120s] [--budget 11m] [--seed 42] [--customers 20]
                  --parts     the parts to kill, one at a time, in this order (keycloak too, not by default)
                  --rate      operations per second of the steady load
                  --warmup    load before the first kill, ramping up to the rate; --gap: steady load between outages
                  --down      how long a killed part stays down before it is restarted
                  --settle    after the load: how long the invariant checker may wait for the system to settle
                  --budget    bound of the run up to the settle (start, load, outages): an outage that no longer fits
                              is skipped and reported; the whole run takes at most budget + settle + ~30 s
                  --customers how many customer accounts place reservations (each with a phone and a token of its own)
                environment: PG_PORT (16432), KAFKA_PORT (16092), KEYCLOAK_PORT (16180; and the next one),
                             SERVICE_PORT_BASE (16081) of the throwaway stack""";

        List<String> parts = List.of("billing", "notice", "lookup", "diagnosis", "reservation", "kafka", "postgres");
        double rate = 20;
        Duration warmup = Duration.ofSeconds(30);
        Duration gap = Duration.ofSeconds(5);
        Duration down = Duration.ofSeconds(5);
        Duration recoveryTimeout = Duration.ofSeconds(180);
        Duration settle = Duration.ofSeconds(120);
        Duration budget = Duration.ofMinutes(11);
        long seed = 42;
        int customers = 20;
        String arguments = "";

        /** null for --help. */
        static Options parse(String[] args) {
            Options o = new Options();
            o.arguments = String.join(" ", args);
            Map<String, String> values = new LinkedHashMap<>();
            for (int i = 0; i < args.length; i++) {
                if (args[i].equals("-h") || args[i].equals("--help")) {
                    return null;
                }
                if (!args[i].startsWith("--") || i + 1 >= args.length) {
                    throw new IllegalArgumentException("bad argument " + args[i]);
                }
                values.put(args[i].substring(2), args[++i]);
            }
            values.forEach((key, value) -> {
                switch (key) {
                    case "parts" -> o.parts = List.of(value.split(","));
                    case "rate" -> o.rate = Double.parseDouble(value);
                    case "warmup" -> o.warmup = CheckInvariants.duration(value);
                    case "gap" -> o.gap = CheckInvariants.duration(value);
                    case "down" -> o.down = CheckInvariants.duration(value);
                    case "recovery-timeout" -> o.recoveryTimeout = CheckInvariants.duration(value);
                    case "settle" -> o.settle = CheckInvariants.duration(value);
                    case "budget" -> o.budget = CheckInvariants.duration(value);
                    case "seed" -> o.seed = Long.parseLong(value);
                    case "customers" -> o.customers = Integer.parseInt(value);
                    default -> throw new IllegalArgumentException("unknown option --" + key);
                }
            });
            for (String part : o.parts) {
                if (!OWN.containsKey(part)) {
                    throw new IllegalArgumentException("unknown part " + part + " (known: " + OWN.keySet() + ")");
                }
            }
            if (o.customers < 1 || o.customers > 9999) {
                throw new IllegalArgumentException("--customers must be in [1, 9999]");
            }
            if (o.rate <= 0 || o.rate > 500) {
                throw new IllegalArgumentException("--rate must be in (0, 500]");
            }
            return o;
        }
    }
}
