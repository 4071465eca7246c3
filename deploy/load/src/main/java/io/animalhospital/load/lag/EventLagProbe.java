package io.animalhospital.load.lag;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodySubscribers;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Queue;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.Flow;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.animalhospital.load.auth.Tokens;

/**
 * Event lag: the time from a placement's 201 (reservation-service) to the same reservation's first document on
 * lookup-service's live stream, i.e. outbox → Kafka → lookup consumer → commit → push.
 *
 * <p>Places reservations at a fixed, modest rate (beside the siege load, on its own schedules so it neither
 * fills siege's nor is filled by it). After each 201 it opens {@code GET /reservation-status/{id}/stream}; the
 * stream sends the current document on connect if there is one, else the first one committed, so the first
 * {@code data:} line is the moment the view has the reservation. Opening the stream only after the 201 can
 * add at most the connect time to a lag that was already over; it never hides lag.
 *
 * <p>Tokens (SPEC §7) from the local stack's Keycloak ({@code --keycloak}, password grant, refreshed before they
 * expire): a customer's places (the phone is the account's), staff's follows the stream. Staff, because a customer
 * may follow only a reservation the view already has (404 before its first event), while staff may follow one
 * whose events have not arrived yet: the stream then waits for the first document, which is what is timed.
 *
 * <pre>
 * EventLagProbe --reservations http://127.0.0.1:8081 --lookup http://127.0.0.1:8085
 *               --schedules id1,id2 [--rate 10] [--seconds 30] [--timeout 10] [--label c50] [--out lag.properties]
 *               [--keycloak http://127.0.0.1:8180] [--customer customer:customer-local-only]
 *               [--staff staff:staff-local-only]
 * </pre>
 * Writes counts and p50/p95/p99 (nearest rank) to {@code --out} as properties and prints a one-line summary.
 * Reservations whose document did not come within the timeout count as slower than it, so many of them show
 * as a percentile of "more than the timeout", never as a better figure computed over the ones that came.
 * SIGTERM stops it early and still writes what it measured.
 */
public final class EventLagProbe {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final URI reservations;
    private final String lookup;
    private final List<String> schedules;
    private final double rate;
    private final int seconds;
    private final Duration timeout;
    private final String label;
    private final Path out;
    private final Tokens tokens;
    private final String customer;
    private final String staff;

    // HTTP/1.1 only: each stream is one plain connection, closed as soon as its first document arrived.
    private final HttpClient http = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();
    private final ScheduledExecutorService timer = Executors.newScheduledThreadPool(1, runnable -> {
        Thread thread = new Thread(runnable, "lag-probe-timer");
        thread.setDaemon(true);
        return thread;
    });
    private final Queue<CompletableFuture<Void>> pending = new ConcurrentLinkedQueue<>();
    private final LatencySample lag = new LatencySample();
    private final LatencySample placement = new LatencySample();
    private final AtomicInteger attempted = new AtomicInteger();
    private final AtomicInteger placed = new AtomicInteger();
    private final AtomicInteger placementErrors = new AtomicInteger();
    private final AtomicInteger missing = new AtomicInteger();
    private final AtomicInteger streamErrors = new AtomicInteger();
    private final Map<Integer, Integer> rejected = new TreeMap<>();
    private final Map<Integer, Integer> streamRejected = new TreeMap<>();
    private final AtomicBoolean reported = new AtomicBoolean();

    private EventLagProbe(Map<String, String> options) {
        this.reservations = URI.create(required(options, "reservations") + "/reservations");
        this.lookup = required(options, "lookup");
        this.schedules = List.of(required(options, "schedules").split(","));
        this.rate = Double.parseDouble(options.getOrDefault("rate", "10"));
        this.seconds = Integer.parseInt(options.getOrDefault("seconds", "30"));
        this.timeout = Duration.ofSeconds(Long.parseLong(options.getOrDefault("timeout", "10")));
        this.label = options.getOrDefault("label", "lag");
        this.out = options.containsKey("out") ? Path.of(options.get("out")) : null;
        if (rate <= 0 || seconds <= 0) {
            throw new IllegalArgumentException("--rate and --seconds must be positive");
        }
        String[] customerAccount = account(options.getOrDefault("customer", "customer:customer-local-only"));
        String[] staffAccount = account(options.getOrDefault("staff", "staff:staff-local-only"));
        this.customer = customerAccount[0];
        this.staff = staffAccount[0];
        this.tokens = new Tokens(options.getOrDefault("keycloak", "http://127.0.0.1:8180"));
        tokens.account(customer, customerAccount[1]).account(staff, staffAccount[1]);
    }

    public static void main(String[] args) throws Exception {
        EventLagProbe probe;
        try {
            probe = new EventLagProbe(options(args));
        } catch (IllegalArgumentException | IllegalStateException e) {
            System.err.println("EventLagProbe: " + e.getMessage());
            System.err.println("usage: EventLagProbe --reservations URL --lookup URL --schedules ID[,ID...]"
                    + " [--rate PER_SECOND] [--seconds N] [--timeout SECONDS] [--label TEXT] [--out FILE]"
                    + " [--keycloak URL] [--customer USER:PASSWORD] [--staff USER:PASSWORD]");
            System.exit(2);
            return;
        }
        // Stopped early (the script's cleanup, Ctrl-C): report what was measured so far.
        Runtime.getRuntime().addShutdownHook(new Thread(probe::report, "lag-probe-report"));
        // The scripts wait for this line: the tokens are fetched, the placements start now.
        System.out.printf(Locale.ROOT, "[lag-probe %s] tokens ready; placing %.1f a second for %d s%n", probe.label,
                probe.rate, probe.seconds);
        System.out.flush();
        probe.run();
        probe.report();
        System.exit(0);
    }

    private void run() throws InterruptedException {
        long period = Math.max(1, Math.round(1_000_000_000 / rate));
        long total = Math.max(1, Math.round(rate * seconds));
        ScheduledFuture<?> ticks = timer.scheduleAtFixedRate(() -> {
            if (attempted.get() < total) {
                placeOne();
            }
        }, 0, period, TimeUnit.NANOSECONDS);
        Thread.sleep(seconds * 1000L);
        ticks.cancel(false);
        // Let the last placements reach the view: a placement may take up to the timeout, then its stream too.
        long deadline = System.nanoTime() + timeout.multipliedBy(2).plusSeconds(2).toNanos();
        for (CompletableFuture<Void> one : pending) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                break;
            }
            try {
                one.get(left, TimeUnit.NANOSECONDS);
            } catch (ExecutionException | TimeoutException e) {
                // counted where it happened
            }
        }
    }

    private void placeOne() {
        int n = attempted.getAndIncrement();
        String schedule = schedules.get(n % schedules.size());
        // No phone: the customer's comes from the token.
        String body = "{\"scheduleId\":\"" + schedule + "\",\"ownerName\":\"Lag Probe\","
                + "\"petName\":\"Probe " + n + "\",\"species\":\"cat\",\"reason\":\"event lag probe\"}";
        HttpRequest request = HttpRequest.newBuilder(reservations)
                .timeout(timeout)
                .header("Content-Type", "application/json")
                .header("Authorization", tokens.bearer(customer))
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build();
        long sent = System.nanoTime();
        CompletableFuture<Void> story = http.sendAsync(request, HttpResponse.BodyHandlers.ofString())
                .thenCompose(response -> {
                    long answered = System.nanoTime();
                    if (response.statusCode() != 201) {
                        synchronized (rejected) {
                            rejected.merge(response.statusCode(), 1, Integer::sum);
                        }
                        return CompletableFuture.completedFuture(null);
                    }
                    placed.incrementAndGet();
                    placement.add(millis(answered - sent));
                    return firstView(id(response.body()), answered);
                })
                .exceptionally(failure -> {
                    placementErrors.incrementAndGet();
                    return null;
                });
        pending.add(story);
    }

    /** Completes when the reservation's first document arrived on its stream, or when giving up. */
    private CompletableFuture<Void> firstView(String id, long answered) {
        FirstDocument first = new FirstDocument(id, answered);
        HttpRequest request = HttpRequest.newBuilder(URI.create(lookup + "/reservation-status/" + id + "/stream"))
                .header("Accept", "text/event-stream")
                .header("Authorization", tokens.bearer(staff))
                .build();
        http.sendAsync(request, info -> {
            if (info.statusCode() != 200) {
                synchronized (streamRejected) {
                    streamRejected.merge(info.statusCode(), 1, Integer::sum);
                }
                first.fail();
                return BodySubscribers.discarding();
            }
            return BodySubscribers.fromLineSubscriber(first);
        }).whenComplete((response, failure) -> {
            if (failure != null) {
                first.fail();
            }
        });
        timer.schedule(first::giveUp, timeout.toMillis(), TimeUnit.MILLISECONDS);
        return first.done;
    }

    /** Reads a stream's lines until the first data line: that instant is the reservation's appearance. */
    private final class FirstDocument implements Flow.Subscriber<String> {
        private final String id;
        private final long answered;
        private final AtomicBoolean finished = new AtomicBoolean();
        private final CompletableFuture<Void> done = new CompletableFuture<>();
        private volatile Flow.Subscription subscription;

        FirstDocument(String id, long answered) {
            this.id = id;
            this.answered = answered;
        }

        @Override
        public void onSubscribe(Flow.Subscription subscription) {
            this.subscription = subscription;
            if (finished.get()) {
                subscription.cancel();
            } else {
                subscription.request(Long.MAX_VALUE);
            }
        }

        @Override
        public void onNext(String line) {
            long seen = System.nanoTime();
            if (line.startsWith("data:") && line.contains(id) && finish()) {
                lag.add(millis(seen - answered));
            }
        }

        @Override
        public void onError(Throwable failure) {
            fail();
        }

        @Override
        public void onComplete() {
            // The server ended the stream before any document: the view never had it while we listened.
            if (finish()) {
                missing.incrementAndGet();
            }
        }

        void fail() {
            if (finish()) {
                streamErrors.incrementAndGet();
            }
        }

        void giveUp() {
            if (finish()) {
                missing.incrementAndGet();
            }
        }

        /** True for the one caller that ends this reservation's wait; closes the stream. */
        private boolean finish() {
            if (!finished.compareAndSet(false, true)) {
                return false;
            }
            Flow.Subscription current = subscription;
            if (current != null) {
                current.cancel();
            }
            done.complete(null);
            return true;
        }
    }

    private synchronized void report() {
        if (!reported.compareAndSet(false, true)) {
            return;
        }
        // One snapshot for the file and the line: streams may still end while this runs.
        LatencySample lags = lag.copy();
        int seen = lags.count();
        int placedNow = placed.get();
        int missingNow = missing.get();
        int errorsNow = streamErrors.get();
        StringBuilder properties = new StringBuilder()
                .append("label=").append(label).append('\n')
                .append("rate_per_s=").append(rate).append('\n')
                .append("seconds=").append(seconds).append('\n')
                .append("timeout_s=").append(timeout.toSeconds()).append('\n')
                .append("attempted=").append(attempted.get()).append('\n')
                .append("placed=").append(placedNow).append('\n')
                .append("rejected=").append(statusText(rejected)).append('\n')
                .append("placement_errors=").append(placementErrors.get()).append('\n')
                .append("seen=").append(seen).append('\n')
                .append("missing=").append(missingNow).append('\n')
                .append("stream_errors=").append(errorsNow).append('\n')
                // Of the stream errors, the non-200 answers (status:count): 401/403 would be the probe's tokens.
                .append("stream_rejected=").append(statusText(streamRejected)).append('\n')
                // Placed, but neither seen nor given up on yet (only when stopped early).
                .append("unfinished=").append(Math.max(0, placedNow - seen - missingNow - errorsNow)).append('\n')
                .append("tokens_fetched=").append(tokens.fetched()).append('\n')
                .append("token_failures=").append(tokens.failed()).append('\n')
                // Missing ones count as slower than the timeout: a percentile among them is "more than that".
                .append(lags.properties("lag", missingNow, timeout.toMillis()))
                .append(placement.copy().properties("place"));
        if (out != null) {
            try {
                Files.writeString(out, properties);
            } catch (IOException e) {
                System.err.println("EventLagProbe: cannot write " + out + ": " + e.getMessage());
            }
        }
        System.out.printf(Locale.ROOT,
                "[lag-probe %s] placed %d of %d, seen %d, missing %d, stream errors %d: lag p50 %s ms, p95 %s ms,"
                        + " p99 %s ms, max %s ms%n",
                label, placedNow, attempted.get(), seen, missingNow, errorsNow,
                shown(lags, 50, missingNow), shown(lags, 95, missingNow), shown(lags, 99, missingNow),
                LatencySample.format(lags.max()));
        System.out.flush();
    }

    private String shown(LatencySample lags, int p, int missingNow) {
        return (lags.censored(p, missingNow) ? ">" : "")
                + LatencySample.format(lags.percentile(p, missingNow, timeout.toMillis()));
    }

    private static String statusText(Map<Integer, Integer> statuses) {
        synchronized (statuses) {
            if (statuses.isEmpty()) {
                return "0";
            }
            List<String> parts = new ArrayList<>();
            statuses.forEach((status, count) -> parts.add(status + ":" + count));
            return String.join(",", parts);
        }
    }

    private static String id(String body) {
        try {
            return JSON.readTree(body).path("id").asText();
        } catch (IOException e) {
            throw new IllegalStateException("201 without a readable reservation: " + body, e);
        }
    }

    private static double millis(long nanos) {
        return nanos / 1_000_000.0;
    }

    /** "user:password" → {user, password}. */
    private static String[] account(String value) {
        int colon = value.indexOf(':');
        if (colon <= 0 || colon == value.length() - 1) {
            throw new IllegalArgumentException("an account is USER:PASSWORD, not '" + value + "'");
        }
        return new String[] {value.substring(0, colon), value.substring(colon + 1)};
    }

    private static Map<String, String> options(String[] args) {
        Map<String, String> options = new TreeMap<>();
        for (int i = 0; i < args.length; i++) {
            if (!args[i].startsWith("--") || i + 1 >= args.length) {
                throw new IllegalArgumentException("unexpected argument " + args[i]);
            }
            options.put(args[i].substring(2), args[++i]);
        }
        return options;
    }

    private static String required(Map<String, String> options, String name) {
        String value = options.get(name);
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("--" + name + " is required");
        }
        return value;
    }
}
