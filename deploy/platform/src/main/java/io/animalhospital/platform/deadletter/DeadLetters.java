package io.animalhospital.platform.deadletter;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.Executor;
import java.util.function.Supplier;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.eclipse.microprofile.config.Config;
import org.jboss.logging.Logger;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.animalhospital.platform.security.Caller;
import io.smallrye.common.annotation.Identifier;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * The dead letters of the topics this service consumes ({@code mp.messaging.incoming.*.dead-letter-queue.topic}):
 * read from the broker without a consumer group (nothing is committed, other readers are not disturbed), and
 * replayed through the service's own {@link ReplayableConsumer}. Replays are recorded in {@code dead_letter_replay}.
 */
@ApplicationScoped
public class DeadLetters {

    private static final Logger LOG = Logger.getLogger(DeadLetters.class);
    /** Newest records read per partition: a dead-letter topic that grows past this is a fire, not a list. */
    static final int NEWEST_PER_PARTITION = 1000;
    private static final Duration BROKER_TIMEOUT = Duration.ofSeconds(5);
    private static final String DLQ_PROPERTY = ".dead-letter-queue.topic";
    private static final String INCOMING = "mp.messaging.incoming.";

    private final Map<String, String> sourceByDeadLetterTopic;
    private final Properties kafka;
    private final Instance<ReplayableConsumer> consumers;
    private final Pool pool;
    private final ObjectMapper mapper;

    public DeadLetters(Config config, @Identifier("default-kafka-broker") Map<String, Object> kafkaConfig,
            Instance<ReplayableConsumer> consumers, Pool pool, ObjectMapper mapper) {
        this.sourceByDeadLetterTopic = deadLetterTopics(config);
        this.kafka = kafkaProperties(kafkaConfig, config);
        this.consumers = consumers;
        this.pool = pool;
        this.mapper = mapper;
    }

    /** The dead-letter topics of this service, with the topic each holds failures of. */
    public Map<String, String> topics() {
        return sourceByDeadLetterTopic;
    }

    /** Every dead letter of this service's topics (the newest {@value #NEWEST_PER_PARTITION} per partition), newest first. */
    public Uni<List<DeadLetter>> list() {
        if (sourceByDeadLetterTopic.isEmpty()) {
            return Uni.createFrom().item(List.of());
        }
        return replays().flatMap(replays -> onBroker(this::readAll).map(letters -> letters.stream()
                .map(letter -> Optional.ofNullable(replays.get(id(letter.topic(), letter.partition(), letter.offset())))
                        .map(r -> letter.replayed(r.at(), r.by())).orElse(letter))
                .sorted(Comparator.comparing(DeadLetter::at).reversed()
                        .thenComparing(DeadLetter::topic).thenComparing(DeadLetter::partition)
                        .thenComparing(Comparator.comparingLong(DeadLetter::offset).reversed()))
                .toList()));
    }

    /**
     * Applies the dead letter again through this service's consumer of its source topic. Empty when there is no
     * such record on one of this service's dead-letter topics; fails with the consumer's failure when it fails again.
     */
    public Uni<Optional<DeadLetter>> replay(String topic, int partition, long offset, Caller caller) {
        String source = sourceByDeadLetterTopic.get(topic);
        if (source == null || partition < 0 || offset < 0) {
            return Uni.createFrom().item(Optional.empty());
        }
        return onBroker(() -> readOne(topic, partition, offset)).flatMap(found -> {
            if (found.isEmpty()) {
                return Uni.createFrom().item(Optional.<DeadLetter>empty());
            }
            ConsumerRecord<String, String> record = found.get();
            ReplayableConsumer consumer = consumerOf(source);
            LOG.infof("Replaying dead letter %s/%d/%d of %s for %s", topic, partition, offset, source, caller.subject());
            return consumer.replay(record.value())
                    .onFailure().transform(failure -> new ReplayFailedException(topic, partition, offset, failure))
                    .flatMap(done -> recordReplay(topic, partition, offset, caller))
                    .map(when -> Optional.of(letter(topic, record).replayed(when, caller.name())));
        });
    }

    private ReplayableConsumer consumerOf(String source) {
        return consumers.stream().filter(c -> c.topic().equals(source)).findFirst()
                .orElseThrow(() -> new IllegalStateException("no ReplayableConsumer for topic " + source));
    }

    /** Runs blocking broker work on a worker thread and comes back to the caller's Vert.x context, if any. */
    private <T> Uni<T> onBroker(Supplier<T> work) {
        Context context = Vertx.currentContext();
        Executor back = context == null ? Runnable::run : command -> context.runOnContext(ignored -> command.run());
        return Uni.createFrom().item(work).runSubscriptionOn(Infrastructure.getDefaultWorkerPool()).emitOn(back);
    }

    private List<DeadLetter> readAll() {
        List<DeadLetter> letters = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = consumer()) {
            Map<String, List<PartitionInfo>> existing = consumer.listTopics(BROKER_TIMEOUT);
            List<TopicPartition> partitions = sourceByDeadLetterTopic.keySet().stream()
                    .filter(existing::containsKey)
                    .flatMap(topic -> existing.get(topic).stream().map(p -> new TopicPartition(topic, p.partition())))
                    .toList();
            if (partitions.isEmpty()) {
                return letters;
            }
            consumer.assign(partitions);
            Map<TopicPartition, Long> begin = consumer.beginningOffsets(partitions, BROKER_TIMEOUT);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions, BROKER_TIMEOUT);
            Map<TopicPartition, Long> remaining = new HashMap<>();
            for (TopicPartition tp : partitions) {
                long from = Math.max(begin.get(tp), end.get(tp) - NEWEST_PER_PARTITION);
                consumer.seek(tp, from);
                if (end.get(tp) > from) {
                    remaining.put(tp, end.get(tp));
                }
            }
            long deadline = System.nanoTime() + BROKER_TIMEOUT.toNanos();
            while (!remaining.isEmpty() && System.nanoTime() < deadline) {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(200))) {
                    TopicPartition tp = new TopicPartition(record.topic(), record.partition());
                    Long last = remaining.get(tp);
                    if (last != null && record.offset() < last) {
                        letters.add(letter(record.topic(), record));
                    }
                }
                remaining.keySet().removeIf(tp -> consumer.position(tp) >= remaining.get(tp));
            }
            if (!remaining.isEmpty()) {
                throw new org.apache.kafka.common.errors.TimeoutException("dead letters not read in time: " + remaining.keySet());
            }
        }
        return letters;
    }

    private Optional<ConsumerRecord<String, String>> readOne(String topic, int partition, long offset) {
        try (KafkaConsumer<String, String> consumer = consumer()) {
            List<PartitionInfo> partitions = consumer.listTopics(BROKER_TIMEOUT).get(topic);
            if (partitions == null || partitions.stream().noneMatch(p -> p.partition() == partition)) {
                return Optional.empty();
            }
            TopicPartition tp = new TopicPartition(topic, partition);
            consumer.assign(List.of(tp));
            long end = consumer.endOffsets(List.of(tp), BROKER_TIMEOUT).get(tp);
            if (offset >= end) {
                return Optional.empty();
            }
            consumer.seek(tp, offset);
            long deadline = System.nanoTime() + BROKER_TIMEOUT.toNanos();
            while (System.nanoTime() < deadline) {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(200))) {
                    if (record.offset() == offset) {
                        return Optional.of(record);
                    }
                    if (record.offset() > offset) {
                        return Optional.empty(); // compacted or deleted away
                    }
                }
            }
            throw new org.apache.kafka.common.errors.TimeoutException("dead letter not read in time: " + tp + "@" + offset);
        }
    }

    private DeadLetter letter(String topic, ConsumerRecord<String, String> record) {
        String eventId = null;
        String eventType = null;
        try {
            JsonNode event = record.value() == null ? null : mapper.readTree(record.value());
            if (event != null && event.isObject()) {
                eventId = event.path("eventId").asText(null);
                eventType = event.path("type").asText(null);
            }
        } catch (Exception unreadable) {
            // An unreadable message is a dead letter like any other: shown without event id and type.
        }
        String source = Optional.ofNullable(header(record, "dead-letter-topic"))
                .orElse(sourceByDeadLetterTopic.get(topic));
        String reason = Optional.ofNullable(header(record, "dead-letter-reason"))
                .orElse(header(record, "dead-letter-cause"));
        return new DeadLetter(topic, record.partition(), record.offset(), source, record.key(), eventId, eventType,
                reason, Instant.ofEpochMilli(record.timestamp()), null, null);
    }

    private static String header(ConsumerRecord<?, ?> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null || header.value() == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    private record Replay(Instant at, String by) {
    }

    private Uni<Map<String, Replay>> replays() {
        return pool.preparedQuery("SELECT topic, partition, record_offset, replayed_at, replayed_by FROM dead_letter_replay"
                + " WHERE topic = ANY($1)")
                .execute(Tuple.of(sourceByDeadLetterTopic.keySet().toArray(String[]::new)))
                .map(rows -> {
                    Map<String, Replay> replays = new HashMap<>();
                    for (Row row : rows) {
                        replays.put(id(row.getString("topic"), row.getInteger("partition"), row.getLong("record_offset")),
                                new Replay(row.getOffsetDateTime("replayed_at").toInstant(), row.getString("replayed_by")));
                    }
                    return replays;
                });
    }

    private Uni<Instant> recordReplay(String topic, int partition, long offset, Caller caller) {
        Instant now = Instant.now();
        return pool.preparedQuery("INSERT INTO dead_letter_replay (topic, partition, record_offset, replayed_at, replayed_by)"
                + " VALUES ($1, $2, $3, $4, $5) ON CONFLICT (topic, partition, record_offset) DO UPDATE"
                + " SET replayed_at = EXCLUDED.replayed_at, replayed_by = EXCLUDED.replayed_by,"
                + " times = dead_letter_replay.times + 1")
                .execute(Tuple.of(topic, partition, offset, now.atOffset(java.time.ZoneOffset.UTC), caller.name()))
                .replaceWith(now);
    }

    private static String id(String topic, int partition, long offset) {
        return topic + "/" + partition + "/" + offset;
    }

    private KafkaConsumer<String, String> consumer() {
        Properties properties = new Properties();
        properties.putAll(kafka);
        properties.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        properties.put(ConsumerConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) BROKER_TIMEOUT.toMillis());
        properties.put(ConsumerConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) BROKER_TIMEOUT.toMillis());
        properties.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 500);
        properties.remove(ConsumerConfig.GROUP_ID_CONFIG);
        return new KafkaConsumer<>(properties, new StringDeserializer(), new StringDeserializer());
    }

    /** {@code <channel>.dead-letter-queue.topic} → the channel's topic (its {@code topic}, else its name). */
    static Map<String, String> deadLetterTopics(Config config) {
        Map<String, String> topics = new LinkedHashMap<>();
        for (String name : config.getPropertyNames()) {
            if (name.startsWith(INCOMING) && name.endsWith(DLQ_PROPERTY)) {
                String channel = name.substring(INCOMING.length(), name.length() - DLQ_PROPERTY.length());
                String source = config.getOptionalValue(INCOMING + channel + ".topic", String.class).orElse(channel);
                config.getOptionalValue(name, String.class).ifPresent(dlq -> topics.put(dlq, source));
            }
        }
        return Map.copyOf(topics);
    }

    /** The connectors' {@code kafka.*} settings (bootstrap servers, TLS, SASL), as a plain client needs them. */
    private static Properties kafkaProperties(Map<String, Object> kafkaConfig, Config config) {
        Properties properties = new Properties();
        properties.putAll(kafkaConfig);
        properties.put(ConsumerConfig.CLIENT_ID_CONFIG,
                config.getOptionalValue("quarkus.application.name", String.class).orElse("service") + "-dead-letters");
        return properties;
    }

    /** The consumer failed again on the replayed record: it stays a dead letter. */
    public static final class ReplayFailedException extends RuntimeException {
        ReplayFailedException(String topic, int partition, long offset, Throwable cause) {
            super("The dead letter " + topic + "/" + partition + "/" + offset + " failed again: "
                    + cause.getClass().getSimpleName(), cause);
        }
    }
}
