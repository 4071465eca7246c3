package io.animalhospital.lookup.messaging;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.common.TopicPartition;
import org.jboss.logging.Logger;

import io.animalhospital.lookup.domain.ClinicException;
import io.animalhospital.lookup.repository.StatusViewRepository;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.kafka.KafkaClientService;
import io.smallrye.reactive.messaging.kafka.KafkaConsumer;
import io.vertx.core.Context;
import io.vertx.core.Vertx;

/**
 * Rebuilds the view from scratch by replaying the topics: empties the view and processed_event, then moves
 * this service's running consumers back to the beginning of every partition they hold. The replay goes
 * through the ordinary consumers, so it applies events exactly as live consumption does.
 * <p>
 * Why this order is safe: the view is a function of the set of events, not of their order (see
 * {@code StatusPrecedence}). An event applied between the truncate and the seek (live traffic, or records the
 * consumer had already fetched) stays applied, and its replayed copy is then skipped as a duplicate; an event
 * committed before the truncate is wiped and comes back with the replay. The committed consumer offsets stay
 * where they were (the commit strategy ignores offsets it has already committed past), so a restart in the
 * middle of a rebuild resumes live consumption, not the replay: run the rebuild again in that case.
 * <p>
 * The replay covers only the partitions this replica holds, so it refuses to run unless this replica holds
 * all of them (one replica, see the README); otherwise the other replicas' partitions would stay empty.
 */
@ApplicationScoped
public class ViewRebuild {

    static final List<String> CHANNELS = List.of(ReservationEventsConsumer.TOPIC, DiagnosisEventsConsumer.TOPIC,
            BillingEventsConsumer.TOPIC, NoticeEventsConsumer.TOPIC);
    private static final Logger LOG = Logger.getLogger(ViewRebuild.class);

    private final KafkaClientService kafka;
    private final StatusViewRepository views;
    private final AtomicBoolean starting = new AtomicBoolean();

    public ViewRebuild(KafkaClientService kafka, StatusViewRepository views) {
        this.kafka = kafka;
        this.views = views;
    }

    /** What a started rebuild replays: partitions per topic. */
    public record Started(Instant startedAt, Map<String, Integer> partitions) {
    }

    public Uni<Started> start() {
        if (!starting.compareAndSet(false, true)) {
            return Uni.createFrom().failure(ClinicException.conflict("Rebuild already starting",
                    "Another rebuild request is being set up; try again in a moment"));
        }
        Instant startedAt = Instant.now();
        // Consumer calls answer on Kafka's polling threads; the database work belongs on this request's context.
        Context context = Vertx.currentContext();
        Executor onContext = task -> context.runOnContext(ignored -> task.run());
        return allAssignments()
                .emitOn(onContext)
                .call(() -> Panache.withTransaction(views::truncateWithProcessedEvents))
                .call(this::seekToBeginning)
                .emitOn(onContext)
                .map(assigned -> {
                    Map<String, Integer> partitions = new TreeMap<>();
                    assigned.forEach((channel, parts) -> partitions.put(channel, parts.size()));
                    LOG.infof("View rebuild started: view emptied, replaying %s", partitions);
                    return new Started(startedAt, partitions);
                })
                .onTermination().invoke(() -> starting.set(false));
    }

    /** Each channel's assigned partitions, checked to be all partitions of its topic. */
    private Uni<Map<String, Set<TopicPartition>>> allAssignments() {
        List<Uni<Map.Entry<String, Set<TopicPartition>>>> checks = new ArrayList<>();
        for (String channel : CHANNELS) {
            KafkaConsumer<Object, Object> consumer = kafka.getConsumer(channel);
            if (consumer == null) {
                return Uni.createFrom().failure(new ClinicException(503, "Consumers not running",
                        "The consumer of " + channel + " is not running; the view cannot be rebuilt now"));
            }
            checks.add(consumer.partitionsFor(channel).flatMap(partitions -> consumer.getAssignments()
                    .map(assigned -> {
                        Set<TopicPartition> all = new HashSet<>();
                        partitions.forEach(p -> all.add(new TopicPartition(p.topic(), p.partition())));
                        if (all.isEmpty() || !assigned.containsAll(all)) {
                            throw ClinicException.conflict("Rebuild needs every partition",
                                    "This replica holds " + assigned.size() + " of " + all.size() + " partitions of "
                                            + channel + "; scale lookup-service to one replica, then rebuild");
                        }
                        return Map.entry(channel, all);
                    })));
        }
        return Uni.join().all(checks).andFailFast().map(entries -> {
            Map<String, Set<TopicPartition>> assigned = new TreeMap<>();
            entries.forEach(e -> assigned.put(e.getKey(), e.getValue()));
            return assigned;
        });
    }

    private Uni<Void> seekToBeginning(Map<String, Set<TopicPartition>> assigned) {
        List<Uni<Void>> seeks = new ArrayList<>();
        assigned.forEach((channel, partitions) -> seeks.add(kafka.getConsumer(channel).seekToBeginning(partitions)));
        return Uni.join().all(seeks).andFailFast().replaceWithVoid();
    }
}
