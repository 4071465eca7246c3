package io.animalhospital.k8s;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;

/** The repository as the validation sees it: where things are, and what each service's configuration says. */
final class Project {

    /** The five services, in the order of the root pom, with their HTTP port and database (SPEC section 1). */
    static final Map<String, Service> SERVICES = new LinkedHashMap<>();

    static {
        for (Service service : List.of(
                new Service("reservation-service", 8081, "reservation"),
                new Service("diagnosis-service", 8082, "diagnosis"),
                new Service("billing-service", 8083, "billing"),
                new Service("notice-service", 8084, "notice"),
                new Service("lookup-service", 8085, "lookup"))) {
            SERVICES.put(service.name(), service);
        }
    }

    /** The topics of SPEC section 4; each also has a dead-letter topic {@code <topic>.dlq}. */
    static final List<String> SPEC_TOPICS = List.of("reservation-events", "diagnosis-events", "billing-events", "notice-events");

    /** The services with the highest HPA ceilings (issue 5: "reservation and diagnosis scale furthest"). */
    static final Set<String> SCALE_FURTHEST = Set.of("reservation-service", "diagnosis-service");

    static final List<String> OVERLAYS = List.of("dev", "prod");

    private Project() {
    }

    static Path root() {
        String configured = System.getProperty("project.root");
        Path root = configured != null && !configured.isBlank() ? Path.of(configured) : Path.of("../..");
        return root.toAbsolutePath().normalize();
    }

    static Path k8s() {
        return root().resolve("deploy/k8s");
    }

    record Service(String name, int port, String database) {

        Path module() {
            return root().resolve(name);
        }

        Path generatedManifest() {
            return module().resolve("target/kubernetes/kubernetes.yml");
        }

        Path committedManifest() {
            return k8s().resolve("base/services/" + name + ".yml");
        }

        /** application.properties overlaid with application-prod.properties, unprofiled and %prod keys only. */
        Properties prodConfig() {
            Properties merged = new Properties();
            for (String file : List.of("application.properties", "application-prod.properties")) {
                Path path = module().resolve("src/main/resources/" + file);
                if (!Files.exists(path)) {
                    continue;
                }
                Properties raw = new Properties();
                try (Reader reader = Files.newBufferedReader(path)) {
                    raw.load(reader);
                } catch (IOException e) {
                    throw new IllegalStateException("cannot read " + path, e);
                }
                raw.stringPropertyNames().stream().filter(key -> !key.startsWith("%")).forEach(
                        key -> merged.setProperty(key, raw.getProperty(key)));
                raw.stringPropertyNames().stream().filter(key -> key.startsWith("%prod.")).forEach(
                        key -> merged.setProperty(key.substring("%prod.".length()), raw.getProperty(key)));
            }
            return merged;
        }

        /** Kafka topics this service consumes: its smallrye-kafka incoming channels. */
        Set<String> consumedTopics() {
            Properties config = prodConfig();
            Set<String> topics = new TreeSet<>();
            String prefix = "mp.messaging.incoming.";
            for (String key : config.stringPropertyNames()) {
                if (key.startsWith(prefix) && key.endsWith(".connector") && "smallrye-kafka".equals(config.getProperty(key))) {
                    String channel = key.substring(prefix.length(), key.length() - ".connector".length());
                    topics.add(config.getProperty(prefix + channel + ".topic", channel));
                }
            }
            return topics;
        }

        /** Every topic named in the configuration: produced, consumed and dead-letter topics. */
        Set<String> configuredTopics() {
            Properties config = prodConfig();
            Set<String> topics = new TreeSet<>(consumedTopics());
            for (String key : config.stringPropertyNames()) {
                boolean messaging = key.startsWith("mp.messaging.incoming.") || key.startsWith("mp.messaging.outgoing.");
                if (messaging && (key.endsWith(".topic") || key.endsWith(".dead-letter-queue.topic"))) {
                    topics.add(config.getProperty(key));
                }
            }
            return topics;
        }

        int reactivePoolSize() {
            return Integer.parseInt(prodConfig().getProperty("quarkus.datasource.reactive.max-size", "20"));
        }

        Duration shutdownTimeout() {
            String value = prodConfig().getProperty("quarkus.shutdown.timeout");
            if (value == null) {
                throw new AssertionError(name + ": quarkus.shutdown.timeout is not set for the prod profile");
            }
            return duration(value);
        }
    }

    /** Quarkus duration syntax: a number with a unit (5s, 250ms, 2m) or ISO-8601 (PT5S). */
    static Duration duration(String value) {
        String text = value.trim();
        if (text.startsWith("P") || text.startsWith("p")) {
            return Duration.parse(text);
        }
        if (text.endsWith("ms")) {
            return Duration.ofMillis(Long.parseLong(text.substring(0, text.length() - 2)));
        }
        long amount = Long.parseLong(text.substring(0, text.length() - 1));
        return switch (text.charAt(text.length() - 1)) {
            case 's' -> Duration.ofSeconds(amount);
            case 'm' -> Duration.ofMinutes(amount);
            case 'h' -> Duration.ofHours(amount);
            default -> Duration.ofSeconds(Long.parseLong(text));
        };
    }
}
