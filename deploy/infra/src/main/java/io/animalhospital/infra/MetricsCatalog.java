package io.animalhospital.infra;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The metrics the dashboard and the alerts use ({@code deploy/k8s/monitoring/metrics.txt}), each with the module
 * whose test scrapes it: the Kubernetes tests check that the dashboard and the rules use no other name, the
 * module's test that its {@code /q/metrics} really has each of its names. A renamed metric fails on both sides.
 * JDK classes only (deploy/k8s reads it without this module's dependencies).
 */
public final class MetricsCatalog {

    public static final String FILE = "deploy/k8s/monitoring/metrics.txt";
    /** name, labels (quoted values may hold any character), value; an exemplar after it ({@code # {...} v t}) is not read. */
    private static final Pattern SAMPLE = Pattern.compile(
            "^([a-zA-Z_:][a-zA-Z0-9_:]*)(\\{((?:[^\"}]|\"(?:[^\"\\\\]|\\\\.)*\")*)})?\\s+(\\S+)");
    private static final Pattern LABEL = Pattern.compile("([a-zA-Z_][a-zA-Z0-9_]*)=\"((?:[^\"\\\\]|\\\\.)*)\"");

    private MetricsCatalog() {
    }

    /** Series name → the module whose test proves it is exposed, in file order. */
    public static Map<String, String> entries() {
        Map<String, String> entries = new LinkedHashMap<>();
        try {
            for (String line : Files.readAllLines(file())) {
                String content = line.strip();
                if (content.isEmpty() || content.startsWith("#")) {
                    continue;
                }
                String[] fields = content.split("\\s+");
                if (fields.length != 2) {
                    throw new IllegalStateException(FILE + ": expected '<series> <module>', got: " + line);
                }
                entries.put(fields[0], fields[1]);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return entries;
    }

    /** The series the given module's test must find. */
    public static List<String> of(String module) {
        return entries().entrySet().stream().filter(e -> e.getValue().equals(module)).map(Map.Entry::getKey).toList();
    }

    /** Fails naming every series of the module's catalog entries that the scrape lacks. */
    public static void assertExposes(String module, String scrape) {
        List<String> names = of(module);
        if (names.isEmpty()) {
            throw new AssertionError(FILE + " lists nothing for " + module);
        }
        List<String> missing = new ArrayList<>();
        for (String name : names) {
            if (samples(scrape).stream().noneMatch(sample -> sample.name().equals(name))) {
                missing.add(name);
            }
        }
        if (!missing.isEmpty()) {
            throw new AssertionError(module + "'s /q/metrics lacks " + missing + ", which " + FILE
                    + " promises to the dashboard and the alerts");
        }
    }

    /** The sum of the samples of a series whose labels include the given ones; null when there is none. */
    public static Double value(String scrape, String name, Map<String, String> labels) {
        Double sum = null;
        for (Sample sample : samples(scrape)) {
            if (sample.name().equals(name) && sample.labels().entrySet().containsAll(labels.entrySet())) {
                sum = (sum == null ? 0 : sum) + sample.value();
            }
        }
        return sum;
    }

    public record Sample(String name, Map<String, String> labels, double value) {
    }

    /** The samples of a Prometheus text exposition. */
    public static List<Sample> samples(String scrape) {
        List<Sample> samples = new ArrayList<>();
        for (String line : scrape.split("\n")) {
            Matcher sample = SAMPLE.matcher(line);
            if (line.startsWith("#") || !sample.find()) {
                continue;
            }
            Map<String, String> labels = new LinkedHashMap<>();
            if (sample.group(3) != null) {
                Matcher label = LABEL.matcher(sample.group(3));
                while (label.find()) {
                    labels.put(label.group(1), label.group(2));
                }
            }
            samples.add(new Sample(sample.group(1), labels, Double.parseDouble(sample.group(4))));
        }
        return samples;
    }

    /** The catalog, found from the working directory up (a module's directory, or the project's root). */
    public static Path file() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve(FILE);
            if (Files.isRegularFile(candidate)) {
                return candidate;
            }
        }
        throw new IllegalStateException(FILE + " not found above " + Path.of("").toAbsolutePath());
    }
}
