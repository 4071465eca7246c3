package io.animalhospital.load.chaos;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Random;
import java.util.StringJoiner;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReferenceArray;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.animalhospital.load.auth.LoadCustomers.Customer;
import io.animalhospital.load.auth.Tokens;

/**
 * A steady, mixed load at a fixed rate: customers place, change and cancel reservations; the clinic approves,
 * declines and treats through diagnosis-service; customers pay their bills (with an Idempotency-Key) and read
 * their status view and notifications. Each reservation is driven by one operation at a time (it waits in the
 * queue of its next step), so the load makes a believable story per reservation while the stack misbehaves.
 * <p>
 * Every reservation answered 201 is appended to the ids file at once: after the run each must exist.
 * <p>
 * Who does what (SPEC §7), each with a token of the local Keycloak ({@link Tokens}, refreshed before it expires):
 * a reservation is placed by one of the load's customers, picked at random (the phone is the account's), and that
 * customer changes, cancels, reads its view, notifications and bill; staff create the schedules and approve,
 * decline and treat; a bill is paid by its owner, or in one story of four recorded by staff at the desk.
 */
final class LoadDriver {

    private static final List<String> ITEM_CODES = List.of("XRAY", "BLOOD_TEST", "ULTRASOUND", "VACCINATION",
            "INJECTION", "MEDICATION", "DENTAL_SCALING");
    private static final List<String> METHODS = List.of("CARD", "CASH", "TRANSFER");
    /** "Never happened" for instants on the System.nanoTime() scale, which may be negative. */
    static final long NEVER = Long.MIN_VALUE;
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(5);
    /** A bill is issued from an event after the treatment: look for it again after this pause. */
    private static final long BILL_RETRY_NANOS = TimeUnit.SECONDS.toNanos(2);

    private record ScheduleRef(UUID id, boolean approval) {
    }

    /** A reservation the driver follows; it sits in at most one queue, the one of its next step. */
    private static final class Tracked {
        final UUID id;
        /** The account that placed it, whose token its customer steps use. */
        final String owner;
        /** Who pays its bill: the owner, or staff at the desk. */
        final String payer;
        volatile String status;
        volatile long notBefore;

        Tracked(UUID id, String owner, String payer, String status) {
            this.id = id;
            this.owner = owner;
            this.payer = payer;
            this.status = status;
        }
    }

    /** A reservation answered 201 and its owner: the customer reads of the mix pick among them. */
    private record Known(UUID id, String owner) {
    }

    /** {@code status} -1: no answer, {@code error} says why (timeout, refused, io). */
    record Response(int status, JsonNode body, String error) {
        Response(int status, JsonNode body) {
            this(status, body, null);
        }

        boolean ok() {
            return status >= 200 && status < 300;
        }

        String reason() {
            return status < 0 ? error : String.valueOf(status);
        }
    }

    private final Map<String, Integer> ports;
    private final Tokens tokens;
    private final List<Customer> customers;
    private final String staff;
    private final double rate;
    private final Random random;
    private final Path idsFile;
    private final Path csvFile;
    private final PrintStream out;
    private final ObjectMapper json = new ObjectMapper();
    private final ExecutorService httpExecutor = Executors.newFixedThreadPool(4, daemon("chaos-http"));
    private final HttpClient http;
    private final ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor(daemon("chaos-tick"));
    private final ScheduledExecutorService reporter = Executors.newSingleThreadScheduledExecutor(daemon("chaos-report"));
    /** Bounds the requests in flight: an outage must not pile up unbounded work in the driver. */
    private final Semaphore inFlight = new Semaphore(MAX_IN_FLIGHT);
    private static final int MAX_IN_FLIGHT = 200;
    private final AtomicLong skipped = new AtomicLong();
    private final AtomicInteger placed = new AtomicInteger();

    private final List<ScheduleRef> schedules = new ArrayList<>();
    private final List<ScheduleRef> tinySchedules = new ArrayList<>();
    private ScheduleRef probeSchedule;
    private ScheduleRef probeApprovalSchedule;
    private final Queue<Tracked> awaiting = new ConcurrentLinkedQueue<>();
    private final Queue<Tracked> booked = new ConcurrentLinkedQueue<>();
    private final Queue<Tracked> treated = new ConcurrentLinkedQueue<>();
    private final AtomicReferenceArray<Known> known = new AtomicReferenceArray<>(4096);
    private final AtomicLong knownCount = new AtomicLong();

    private BufferedWriter ids;
    private BufferedWriter csv;
    private Counters counters;
    private volatile boolean running;
    private long rampEnd;
    private long rampLength;
    private int reportedSecond;

    /**
     * @param ports service name → HTTP port on 127.0.0.1
     * @param tokens holds the customers' and staff's accounts
     * @param customers who place reservations
     * @param staff the staff account
     */
    LoadDriver(Map<String, Integer> ports, Tokens tokens, List<Customer> customers, String staff, double rate,
            long seed, Path idsFile, Path csvFile, PrintStream out) {
        this.ports = ports;
        this.tokens = tokens;
        this.customers = List.copyOf(customers);
        this.staff = staff;
        this.rate = rate;
        this.random = new Random(seed);
        this.idsFile = idsFile;
        this.csvFile = csvFile;
        this.out = out;
        this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(2)).executor(httpExecutor).build();
    }

    Counters counters() {
        return counters;
    }

    int placed() {
        return placed.get();
    }

    long skipped() {
        return skipped.get();
    }

    /**
     * The clinic's days: twelve roomy schedules (every other one needs approval), two tiny ones that fill up (so
     * 409 "full" is part of the mix), and two for the recovery probes.
     */
    void createSchedules() {
        LocalDate day = LocalDate.now().plusDays(1);
        for (int i = 0; i < 12; i++) {
            schedules.add(createSchedule("Dr. Chaos " + (i + 1), day.plusDays(i % 6), 500, i % 2 == 1));
        }
        tinySchedules.add(createSchedule("Dr. Tiny", day, 3, false));
        tinySchedules.add(createSchedule("Dr. Tiny", day.plusDays(1), 3, true));
        probeSchedule = createSchedule("Dr. Probe", day, 1000, false);
        probeApprovalSchedule = createSchedule("Dr. Probe", day.plusDays(1), 1000, true);
    }

    private ScheduleRef createSchedule(String vet, LocalDate date, int capacity, boolean approval) {
        ObjectNode body = json.createObjectNode().put("vet", vet).put("date", date.toString())
                .put("capacity", capacity).put("approvalRequired", approval);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (true) {
            Response r = sendNow(staff, "POST", url("diagnosis", "/schedules"), body);
            if (r.status() == 201) {
                return new ScheduleRef(UUID.fromString(r.body().path("id").asText()), approval);
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("cannot create a schedule: HTTP " + r.status() + " " + r.body());
            }
            sleep(1000);
        }
    }

    /**
     * Starts the load; over {@code ramp} the rate grows from a fifth of the target to all of it, so that freshly
     * started JVMs warm up instead of being overrun (timeouts, open circuit) in their first seconds.
     */
    void start(int maxSeconds, Duration ramp) throws IOException {
        rampEnd = System.nanoTime() + ramp.toNanos();
        rampLength = ramp.toNanos();
        ids = Files.newBufferedWriter(idsFile);
        csv = Files.newBufferedWriter(csvFile);
        StringJoiner header = new StringJoiner(",", "second,", "\n");
        for (OpKind kind : OpKind.values()) {
            header.add(kind.label() + "_ok").add(kind.label() + "_4xx").add(kind.label() + "_failed");
        }
        csv.write(header.toString());
        counters = new Counters(System.nanoTime(), maxSeconds);
        running = true;
        ticker.scheduleAtFixedRate(this::tick, 0, Math.round(1_000_000 / rate), TimeUnit.MICROSECONDS);
        reporter.scheduleAtFixedRate(this::report, 1, 1, TimeUnit.SECONDS);
    }

    /** Stops issuing, waits (bounded) for the requests in flight, writes the last counters. */
    void stop() {
        running = false;
        ticker.shutdown();
        try {
            ticker.awaitTermination(5, TimeUnit.SECONDS);
            if (inFlight.tryAcquire(MAX_IN_FLIGHT, 15, TimeUnit.SECONDS)) {
                inFlight.release(MAX_IN_FLIGHT);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        reporter.shutdown();
        try {
            reporter.awaitTermination(5, TimeUnit.SECONDS);
            report();
            ids.close();
            csv.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        httpExecutor.shutdown();
    }

    /** Stops issuing at once, without waiting for anything (the run is being interrupted). */
    void halt() {
        running = false;
        ticker.shutdownNow();
        reporter.shutdownNow();
    }

    // --- the mix

    private void tick() {
        if (!running) {
            return;
        }
        long toRampEnd = rampEnd - System.nanoTime();
        if (toRampEnd > 0 && random.nextDouble() > 1 - 0.8 * toRampEnd / rampLength) {
            return;
        }
        if (!inFlight.tryAcquire()) {
            skipped.incrementAndGet();
            return;
        }
        CompletableFuture<?> operation;
        try {
            operation = operation(random.nextInt(100));
        } catch (RuntimeException e) {
            operation = CompletableFuture.failedFuture(e);
        }
        operation.whenComplete((ignored, failure) -> inFlight.release());
    }

    /** Weights: place 30, change 6, cancel 6, approve 10, decline 3, treat 12, pay 11, view 13, notices 9. */
    private CompletableFuture<?> operation(int dice) {
        if (dice < 30) {
            return place();
        }
        if (dice < 36) {
            return change();
        }
        if (dice < 42) {
            return cancel();
        }
        if (dice < 52) {
            return approve();
        }
        if (dice < 55) {
            return decline();
        }
        if (dice < 67) {
            return treat();
        }
        if (dice < 78) {
            return pay();
        }
        if (dice < 91) {
            return view();
        }
        return notices();
    }

    private CompletableFuture<?> place() {
        ScheduleRef schedule = random.nextInt(100) < 8 ? pick(tinySchedules) : pick(schedules);
        int n = random.nextInt(1_000_000);
        String owner = pick(customers).username();
        String payer = random.nextInt(4) == 0 ? staff : owner;
        // No phone: the customer's comes from the token.
        ObjectNode body = json.createObjectNode().put("scheduleId", schedule.id().toString())
                .put("ownerName", "Chaos Owner " + n)
                .put("petName", "Pet " + n).put("species", random.nextBoolean() ? "dog" : "cat")
                .put("reason", "check-up " + n);
        if (random.nextBoolean()) {
            body.put("email", "owner" + n + "@example.com");
        }
        return send(OpKind.PLACE, owner, "POST", url("reservation", "/reservations"), body).thenAccept(r -> {
            if (r.status() == 201) {
                Tracked t = new Tracked(UUID.fromString(r.body().path("id").asText()), owner, payer,
                        r.body().path("status").asText());
                answered(t.id, owner);
                enqueue(t);
            }
        });
    }

    private CompletableFuture<?> change() {
        Tracked t = pollActive();
        if (t == null) {
            return place();
        }
        ObjectNode body = json.createObjectNode();
        if (random.nextBoolean()) {
            body.put("scheduleId", pick(schedules).id().toString());
        } else {
            body.put("email", "changed" + random.nextInt(1_000_000) + "@example.com");
        }
        return send(OpKind.CHANGE, t.owner, "PATCH", url("reservation", "/reservations/" + t.id), body).thenAccept(r -> {
            if (r.ok()) {
                t.status = r.body().path("status").asText();
                enqueue(t);
            } else if (r.status() == 409 || failed(r)) {
                // Full target schedule, or an outage: the reservation stays where it was.
                enqueue(t);
            }
        });
    }

    private CompletableFuture<?> cancel() {
        Tracked t = pollActive();
        if (t == null) {
            return place();
        }
        return send(OpKind.CANCEL, t.owner, "DELETE", url("reservation", "/reservations/" + t.id), null).thenAccept(r -> {
            if (failed(r)) {
                enqueue(t);
            }
        });
    }

    private CompletableFuture<?> approve() {
        Tracked t = awaiting.poll();
        if (t == null) {
            return place();
        }
        return send(OpKind.APPROVE, staff, "POST", url("diagnosis", "/appointments/" + t.id + "/approve"), null)
                .thenAccept(r -> {
                    if (r.ok()) {
                        t.status = "RESERVED";
                        enqueue(t);
                    } else if (failed(r)) {
                        enqueue(t);
                    }
                });
    }

    private CompletableFuture<?> decline() {
        Tracked t = pollActive();
        if (t == null) {
            return place();
        }
        ObjectNode body = json.createObjectNode().put("reason", "The vet is called away");
        return send(OpKind.DECLINE, staff, "POST", url("diagnosis", "/appointments/" + t.id + "/decline"), body)
                .thenAccept(r -> {
                    if (failed(r)) {
                        enqueue(t);
                    }
                });
    }

    private CompletableFuture<?> treat() {
        Tracked t = booked.poll();
        if (t == null) {
            return place();
        }
        ObjectNode body = json.createObjectNode().put("doctor", "Dr. Chaos").put("medicalOpinion", "routine check")
                .put("treatment", "examined").put("prescription", "rest");
        ArrayNode items = body.putArray("items");
        for (int i = random.nextInt(3); i > 0; i--) {
            items.addObject().put("code", pick(ITEM_CODES)).put("quantity", 1 + random.nextInt(2));
        }
        return send(OpKind.TREAT, staff, "POST", url("diagnosis", "/appointments/" + t.id + "/treatment"), body)
                .thenAccept(r -> {
                    if (r.ok()) {
                        t.status = "TREATED";
                        t.notBefore = System.nanoTime() + BILL_RETRY_NANOS;
                        treated.add(t);
                    } else if (failed(r)) {
                        enqueue(t);
                    }
                });
    }

    /**
     * Finds the reservation's bill (issued from an event, so maybe not yet) and pays it under a stable key, as its
     * payer (the owner, or staff at the desk). A customer's 404 also means "not yet": billing learns whose a
     * reservation is from reservation-events, which may come after the treatment's diagnosis-events.
     */
    private CompletableFuture<?> pay() {
        Tracked t = treated.poll();
        if (t != null && t.notBefore > System.nanoTime()) {
            treated.add(t);
            t = null;
        }
        if (t == null) {
            return view();
        }
        Tracked bill = t;
        return send(OpKind.BILL, t.payer, "GET", url("billing", "/bills?reservationId=" + t.id), null).thenCompose(r -> {
            if (!r.ok() || r.body().size() == 0) {
                if (r.ok() || failed(r) || r.status() == 404) {
                    bill.notBefore = System.nanoTime() + BILL_RETRY_NANOS;
                    treated.add(bill);
                }
                return CompletableFuture.completedFuture(null);
            }
            JsonNode found = r.body().get(0);
            if ("PAID".equals(found.path("status").asText())) {
                return CompletableFuture.completedFuture(null);
            }
            ObjectNode payment = json.createObjectNode().put("amount", found.path("total").asLong())
                    .put("method", pick(METHODS));
            // One key per reservation: a payment retried after a lost answer is replayed, never paid twice.
            return send(OpKind.PAY, bill.payer, "POST",
                    url("billing", "/bills/" + found.path("id").asText() + "/payments"),
                    payment, "Idempotency-Key", "chaos-" + bill.id).thenAccept(p -> {
                        if (failed(p)) {
                            bill.notBefore = System.nanoTime() + BILL_RETRY_NANOS;
                            treated.add(bill);
                        }
                    });
        });
    }

    private CompletableFuture<?> view() {
        Known k = someKnown();
        return k == null ? place()
                : send(OpKind.VIEW, k.owner(), "GET", url("lookup", "/reservation-status/" + k.id()), null);
    }

    private CompletableFuture<?> notices() {
        Known k = someKnown();
        return k == null ? place()
                : send(OpKind.NOTICES, k.owner(), "GET", url("notice", "/notifications?reservationId=" + k.id()), null);
    }

    // --- plumbing

    private void enqueue(Tracked t) {
        switch (t.status) {
            case "AWAITING_APPROVAL" -> awaiting.add(t);
            case "RESERVED" -> booked.add(t);
            default -> {
                // Ended (cancelled, treated elsewhere): nothing more to do with it.
            }
        }
    }

    private Tracked pollActive() {
        Tracked t = random.nextBoolean() ? awaiting.poll() : booked.poll();
        return t != null ? t : random.nextBoolean() ? awaiting.poll() : booked.poll();
    }

    /** An outage's answer (5xx, timeout, refused): the step is tried again later. */
    private static boolean failed(Response r) {
        return r.status() < 0 || r.status() >= 500;
    }

    UUID probeSchedule(boolean approval) {
        return (approval ? probeApprovalSchedule : probeSchedule).id();
    }

    ObjectMapper json() {
        return json;
    }

    String staff() {
        return staff;
    }

    Tokens tokens() {
        return tokens;
    }

    List<Customer> customers() {
        return customers;
    }

    synchronized void answered(UUID id, String owner) {
        placed.incrementAndGet();
        known.set((int) (knownCount.getAndIncrement() % known.length()), new Known(id, owner));
        try {
            ids.write(id + "\n");
            ids.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private Known someKnown() {
        long count = knownCount.get();
        return count == 0 ? null : known.get(random.nextInt((int) Math.min(count, known.length())));
    }

    private CompletableFuture<Response> send(OpKind kind, String account, String method, String url, JsonNode body,
            String... headers) {
        return http.sendAsync(request(account, method, url, body, headers), HttpResponse.BodyHandlers.ofString())
                .handle((response, failure) -> {
                    Response r = failure != null ? new Response(-1, null, reason(failure)) : parse(response);
                    counters.record(kind, r.ok() ? Outcome.OK : r.status() >= 400 && r.status() < 500
                            ? Outcome.REFUSED : Outcome.FAILED, r.reason());
                    return r;
                });
    }

    private static String reason(Throwable failure) {
        Throwable cause = failure instanceof CompletionException && failure.getCause() != null
                ? failure.getCause() : failure;
        if (cause instanceof HttpTimeoutException) {
            return "timeout";
        }
        if (cause instanceof ConnectException) {
            return "refused";
        }
        return "io";
    }

    /** A request outside the load's numbers (set-up, probes), as the account. */
    Response sendNow(String account, String method, String url, JsonNode body) {
        try {
            return parse(http.send(request(account, method, url, body), HttpResponse.BodyHandlers.ofString()));
        } catch (IOException e) {
            return new Response(-1, null, reason(e));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Response(-1, null, "interrupted");
        }
    }

    private HttpRequest request(String account, String method, String url, JsonNode body, String... headers) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(url)).timeout(REQUEST_TIMEOUT)
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body.toString()))
                .header("Authorization", tokens.bearer(account));
        if (body != null) {
            builder.header("Content-Type", "application/json");
        }
        for (int i = 0; i + 1 < headers.length; i += 2) {
            builder.header(headers[i], headers[i + 1]);
        }
        return builder.build();
    }

    private Response parse(HttpResponse<String> response) {
        JsonNode body;
        try {
            body = response.body() == null || response.body().isBlank() ? json.nullNode() : json.readTree(response.body());
        } catch (IOException e) {
            body = json.nullNode();
        }
        return new Response(response.statusCode(), body);
    }

    String url(String service, String path) {
        return "http://127.0.0.1:" + ports.get(service) + path;
    }

    private <T> T pick(List<T> list) {
        return list.get(random.nextInt(list.size()));
    }

    /** One line per second: successes, the service's own refusals and failures per kind (zeros left out). */
    private synchronized void report() {
        int now = counters.second(System.nanoTime());
        for (; reportedSecond < now; reportedSecond++) {
            StringJoiner ok = new StringJoiner(" ");
            StringJoiner refused = new StringJoiner(" ");
            StringJoiner failed = new StringJoiner(" ");
            StringJoiner row = new StringJoiner(",", reportedSecond + ",", "\n");
            for (OpKind kind : OpKind.values()) {
                int o = counters.count(reportedSecond, kind, Outcome.OK);
                int r = counters.count(reportedSecond, kind, Outcome.REFUSED);
                int f = counters.count(reportedSecond, kind, Outcome.FAILED);
                row.add(String.valueOf(o)).add(String.valueOf(r)).add(String.valueOf(f));
                if (o > 0) {
                    ok.add(kind.label() + " " + o);
                }
                if (r > 0) {
                    refused.add(kind.label() + " " + r);
                }
                if (f > 0) {
                    failed.add(kind.label() + " " + f);
                }
            }
            try {
                csv.write(row.toString());
                csv.flush();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            out.printf("[load] %4ds ok: %s%s%s | in flight %d%n", reportedSecond, ok,
                    refused.length() == 0 ? "" : " | 4xx: " + refused,
                    failed.length() == 0 ? "" : " | FAILED: " + failed,
                    MAX_IN_FLIGHT - inFlight.availablePermits());
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static ThreadFactory daemon(String name) {
        AtomicInteger n = new AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(runnable, name + "-" + n.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }
}
