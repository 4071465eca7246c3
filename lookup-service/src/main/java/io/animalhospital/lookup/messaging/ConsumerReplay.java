package io.animalhospital.lookup.messaging;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.Executor;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;

import io.animalhospital.lookup.domain.ClinicException;
import io.animalhospital.lookup.domain.ClinicException.Reason;
import io.animalhospital.lookup.domain.EventReplay;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.kafka.KafkaClientService;
import io.smallrye.reactive.messaging.kafka.KafkaConsumer;
import io.vertx.core.Context;
import io.vertx.core.Vertx;

/**
 * The running consumers of the four topics, moved back to the beginning for a rebuild
 * ({@link io.animalhospital.lookup.domain.ViewRebuild}). Each channel consumes the topic of its name.
 */
@ApplicationScoped
public class ConsumerReplay implements EventReplay {

    static final List<String> CHANNELS = List.of(ReservationEventsConsumer.TOPIC, DiagnosisEventsConsumer.TOPIC,
            BillingEventsConsumer.TOPIC, NoticeEventsConsumer.TOPIC);

    private final KafkaClientService kafka;

    public ConsumerReplay(KafkaClientService kafka) {
        this.kafka = kafka;
    }

    @Override
    public Uni<Map<String, Integer>> partitionsHeld() {
        Executor onCallersContext = callersContext();
        List<Uni<Map.Entry<String, Integer>>> checks = new ArrayList<>();
        for (String channel : CHANNELS) {
            KafkaConsumer<Object, Object> consumer = kafka.getConsumer(channel);
            if (consumer == null) {
                return Uni.createFrom().failure(new ClinicException(Reason.CONSUMERS_NOT_RUNNING,
                        "The consumer of " + channel + " is not running; the view cannot be rebuilt now"));
            }
            checks.add(consumer.partitionsFor(channel).flatMap(partitions -> holdsAll(channel, consumer, partitions)));
        }
        return Uni.join().all(checks).andFailFast()
                .map(ConsumerReplay::byTopic)
                .emitOn(onCallersContext);
    }

    @Override
    public Uni<Void> rewind(Map<String, Integer> partitions) {
        Executor onCallersContext = callersContext();
        List<Uni<Void>> seeks = new ArrayList<>();
        partitions.forEach((channel, count) -> seeks.add(kafka.getConsumer(channel).seekToBeginning(all(channel, count))));
        return Uni.join().all(seeks).andFailFast().replaceWithVoid().emitOn(onCallersContext);
    }

    /** The partition count of the channel's topic, when its consumer holds every partition. */
    private static Uni<Map.Entry<String, Integer>> holdsAll(String channel, KafkaConsumer<Object, Object> consumer,
            List<PartitionInfo> partitions) {
        Set<TopicPartition> all = partitions.stream().map(p -> new TopicPartition(p.topic(), p.partition()))
                .collect(Collectors.toSet());
        return consumer.getAssignments().map(assigned -> {
            if (all.isEmpty() || !assigned.containsAll(all)) {
                throw new ClinicException(Reason.REBUILD_NEEDS_EVERY_PARTITION,
                        "This replica holds " + assigned.size() + " of " + all.size() + " partitions of " + channel
                                + "; scale lookup-service to one replica, then rebuild");
            }
            return Map.entry(channel, all.size());
        });
    }

    private static Map<String, Integer> byTopic(List<Map.Entry<String, Integer>> entries) {
        Map<String, Integer> partitions = new TreeMap<>();
        entries.forEach(e -> partitions.put(e.getKey(), e.getValue()));
        return partitions;
    }

    /** A topic's partitions are numbered from 0. */
    private static Set<TopicPartition> all(String topic, int count) {
        return IntStream.range(0, count).mapToObj(i -> new TopicPartition(topic, i)).collect(Collectors.toSet());
    }

    /** Consumer calls answer on Kafka's polling threads; the caller's database work belongs on its own context. */
    private static Executor callersContext() {
        Context context = Vertx.currentContext();
        return task -> context.runOnContext(ignored -> task.run());
    }
}
