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
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;

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

    /** The realm of SPEC section 7. */
    static final String REALM = "animal-hospital";

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

    /** The realm as the local stack imports it: the one definition of the realm (base/keycloak is made from it). */
    static Path realmFile() {
        return root().resolve("deploy/infra/src/main/resources/keycloak/" + REALM + "-realm.json");
    }

    /** The Keycloak version the local stack and the tests run (deploy/infra/pom.xml), so Kubernetes runs the same. */
    static String keycloakVersion() {
        Path pom = root().resolve("deploy/infra/pom.xml");
        try {
            java.util.regex.Matcher version = java.util.regex.Pattern.compile("<keycloak\\.version>([^<]+)</keycloak\\.version>")
                    .matcher(Files.readString(pom));
            if (!version.find()) {
                throw new AssertionError(pom + " declares no keycloak.version");
            }
            return version.group(1).trim();
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + pom, e);
        }
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
            return kafkaChannels("mp.messaging.incoming.").values().stream().collect(Collectors.toCollection(TreeSet::new));
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

        /** Kafka topics this service writes to: its smallrye-kafka outgoing channels (the outbox relay). */
        Set<String> producedTopics() {
            return kafkaChannels("mp.messaging.outgoing.").values().stream().collect(Collectors.toCollection(TreeSet::new));
        }

        /**
         * The dead-letter topics this service writes to: those of its incoming channels whose failure strategy is
         * dead-letter-queue, or the platform's counted-dead-letter-queue around it (SmallRye's default topic name
         * when none is configured).
         */
        Set<String> deadLetterTopics() {
            Properties config = prodConfig();
            Set<String> topics = new TreeSet<>();
            kafkaChannels("mp.messaging.incoming.").keySet().forEach(channel -> {
                String prefix = "mp.messaging.incoming." + channel + ".";
                if (Set.of("dead-letter-queue", "counted-dead-letter-queue").contains(config.getProperty(prefix + "failure-strategy"))) {
                    topics.add(config.getProperty(prefix + "dead-letter-queue.topic", "dead-letter-topic-" + channel));
                }
            });
            return topics;
        }

        /** The consumer groups of its incoming channels; each channel must name its group (SPEC section 4). */
        Set<String> consumerGroups() {
            Properties config = prodConfig();
            Set<String> groups = new TreeSet<>();
            kafkaChannels("mp.messaging.incoming.").keySet().forEach(channel -> {
                String group = config.getProperty("mp.messaging.incoming." + channel + ".group.id", config.getProperty("kafka.group.id"));
                if (group == null) {
                    throw new AssertionError(name + ": incoming channel " + channel + " has no group.id");
                }
                groups.add(group);
            });
            return groups;
        }

        /** Channel name to topic, for the smallrye-kafka channels under a prefix (incoming or outgoing). */
        private Map<String, String> kafkaChannels(String prefix) {
            Properties config = prodConfig();
            Map<String, String> channels = new TreeMap<>();
            for (String key : config.stringPropertyNames()) {
                if (key.startsWith(prefix) && key.endsWith(".connector") && "smallrye-kafka".equals(config.getProperty(key))) {
                    String channel = key.substring(prefix.length(), key.length() - ".connector".length());
                    channels.put(channel, config.getProperty(prefix + channel + ".topic", channel));
                }
            }
            return channels;
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
