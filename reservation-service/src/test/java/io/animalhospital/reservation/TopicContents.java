package io.animalhospital.reservation;

import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;

import io.animalhospital.infra.TestKafka;

/**
 * Everything on a topic up to now, on every partition. Unlike a reader that has merely not seen a record yet,
 * this proves a record is absent: it reads until each partition's end offset taken at the call.
 */
final class TopicContents {

    private TopicContents() {
    }

    static List<ConsumerRecord<String, String>> upToNow(String bootstrapServers, String topic) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(props)) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic, Duration.ofSeconds(10)).stream()
                    .map(p -> new TopicPartition(topic, p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions, Duration.ofSeconds(10));
            List<ConsumerRecord<String, String>> records = new ArrayList<>();
            await().atMost(Duration.ofSeconds(30)).pollInSameThread().pollInterval(Duration.ZERO).until(() -> {
                consumer.poll(Duration.ofMillis(200)).forEach(records::add);
                return partitions.stream().allMatch(p -> consumer.position(p) >= end.get(p));
            });
            return records;
        }
    }

    /** The records of one key, in offset order. */
    static List<ConsumerRecord<String, String>> ofKey(List<ConsumerRecord<String, String>> records, String key) {
        return records.stream().filter(r -> key.equals(r.key()))
                .sorted(Comparator.comparingLong(ConsumerRecord::offset)).toList();
    }

    /** The event types of one key, each event counted once however often it was delivered. */
    static List<String> types(List<ConsumerRecord<String, String>> records, String key) {
        Map<String, String> byId = new LinkedHashMap<>();
        ofKey(records, key).forEach(r -> byId.putIfAbsent(TestKafka.Reader.headers(r).get("ce_id"),
                TestKafka.Reader.headers(r).get("ce_type")));
        return List.copyOf(byId.values());
    }
}
