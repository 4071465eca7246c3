package io.animalhospital.load.chaos;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The lines each service logged at level ERROR during the chaos run, as deploy/load's other scenarios count them
 * (lib/common.sh, {@code LOAD_ERROR_LINE}): the level field, not the word inside a message, of a JSON line (prod, the
 * local stack's services: {"timestamp":...,"level":"ERROR","loggerName":...,"message":...}) or of Quarkus's text
 * format "2026-12-02 00:44:41,214 ERROR [category] (thread) message". Each line is also placed against the outages
 * (kill → recovered, or to the end of the run when the part did not recover): a killed part makes the others log
 * errors while it is down, which is expected; one outside every outage is not.
 */
final class ServiceLogErrors {

    static final Pattern ERROR_LINE = Pattern.compile(
            "^(\\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2}:\\d{2})(?:,(\\d+))? +ERROR +(\\[[^]]*])(?: \\([^)]*\\))? ?(.*)$");
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");
    static final int DISTINCT_SHOWN = 3;
    private static final ObjectMapper JSON = new ObjectMapper();

    /** Per service: its ERROR lines, those outside every outage, its distinct messages with their counts. */
    record Service(String name, Path log, int errors, int outsideOutages, Map<String, Integer> messages, String problem) {
    }

    private final List<Service> services = new ArrayList<>();

    /**
     * @param logs     service name → its log file (read whole: the chaos run's stack is fresh, restarts append)
     * @param outages  the outage windows, [kill, recovered)
     */
    static ServiceLogErrors count(Map<String, Path> logs, List<Instant[]> outages) {
        ServiceLogErrors result = new ServiceLogErrors();
        logs.forEach((name, log) -> result.services.add(countOne(name, log, outages)));
        return result;
    }

    private static Service countOne(String name, Path log, List<Instant[]> outages) {
        if (!Files.isReadable(log)) {
            return new Service(name, log, 0, 0, Map.of(), "no log found");
        }
        int errors = 0;
        int outside = 0;
        Map<String, Integer> messages = new LinkedHashMap<>();
        try (var lines = Files.lines(log, StandardCharsets.UTF_8)) {
            for (String line : (Iterable<String>) lines::iterator) {
                Instant at;
                String message;
                if (line.startsWith("{")) {
                    if (!line.contains("\"level\":\"ERROR\"")) {
                        continue;
                    }
                    JsonNode record = JSON.readTree(line);
                    at = instant(record.path("timestamp").asText());
                    message = "[" + record.path("loggerName").asText() + "] " + record.path("message").asText();
                } else {
                    Matcher m = ERROR_LINE.matcher(line);
                    if (!m.matches()) {
                        continue;
                    }
                    at = at(m.group(1), m.group(2));
                    message = (m.group(3) + " " + m.group(4)).strip();
                }
                errors++;
                if (!within(at, outages)) {
                    outside++;
                }
                messages.merge(message.length() > 240 ? message.substring(0, 240) : message, 1, Integer::sum);
            }
        } catch (IOException | RuntimeException e) {
            return new Service(name, log, errors, outside, messages, "log unreadable: " + e.getMessage());
        }
        return new Service(name, log, errors, outside, messages, null);
    }

    private static Instant instant(String timestamp) {
        try {
            return Instant.parse(timestamp);
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    /** The log's local time as an instant (the services run on this machine, in its time zone); null if odd. */
    private static Instant at(String time, String millis) {
        try {
            LocalDateTime local = LocalDateTime.parse(time, TIME);
            if (millis != null) {
                local = local.plusNanos(Long.parseLong((millis + "000").substring(0, 3)) * 1_000_000L);
            }
            return local.atZone(ZoneId.systemDefault()).toInstant();
        } catch (DateTimeParseException | NumberFormatException e) {
            return null;
        }
    }

    private static boolean within(Instant at, List<Instant[]> outages) {
        if (at == null) {
            return false;
        }
        // A log line's time has millisecond precision and its own clock read: a second of slack on either side.
        return outages.stream().anyMatch(w -> !at.isBefore(w[0].minusSeconds(1)) && at.isBefore(w[1].plusSeconds(1)));
    }

    List<Service> services() {
        return services;
    }

    /** Every ERROR line counted; -1 when no service's log could be read. */
    int total() {
        return services.stream().allMatch(s -> s.problem() != null && s.errors() == 0) ? -1
                : services.stream().mapToInt(Service::errors).sum();
    }

    int outsideOutages() {
        return services.stream().mapToInt(Service::outsideOutages).sum();
    }

    /** "reservation 0, diagnosis 2 (1 outside the outages), ...". */
    String byService() {
        StringJoiner joiner = new StringJoiner(", ");
        for (Service s : services) {
            if (s.problem() != null && s.errors() == 0) {
                joiner.add(s.name() + " not counted (" + s.problem() + ")");
            } else {
                joiner.add(s.name() + " " + s.errors() + (s.outsideOutages() > 0 ? " (" + s.outsideOutages()
                        + " outside the outages)" : ""));
            }
        }
        return joiner.toString();
    }

    /** The fragment's section: the count per service and each service's first distinct messages. */
    String markdown() {
        StringBuilder md = new StringBuilder();
        md.append("ERROR lines the services logged (lines whose level field is ERROR, in `state/logs/<service>-service.log`, "
                + "start-up and restarts included; \"outside the outages\": not between a kill and the recovery): ")
                .append(byService()).append(".\n");
        for (Service s : services) {
            if (s.messages().isEmpty()) {
                continue;
            }
            md.append('\n').append(s.name()).append("-service, the first distinct messages:\n\n");
            s.messages().entrySet().stream().limit(DISTINCT_SHOWN).forEach(e -> md.append("- ").append(e.getValue())
                    .append(" × `").append(e.getKey().replace('`', '\'')).append("`\n"));
            if (s.messages().size() > DISTINCT_SHOWN) {
                md.append("- ... and ").append(s.messages().size() - DISTINCT_SHOWN).append(" other messages\n");
            }
            if (s.problem() != null) {
                md.append("\n(").append(s.problem()).append(")\n");
            }
        }
        return md.toString();
    }
}
