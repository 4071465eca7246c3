package io.animalhospital.platform.deadletter;

import java.util.function.BiConsumer;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.reactive.messaging.Metadata;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.common.annotation.Identifier;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.kafka.IncomingKafkaRecord;
import io.smallrye.reactive.messaging.kafka.KafkaConnectorIncomingConfiguration;
import io.smallrye.reactive.messaging.kafka.KafkaConsumer;
import io.smallrye.reactive.messaging.kafka.fault.KafkaFailureHandler;

/**
 * The failure strategy of every consumed channel ({@code failure-strategy=counted-dead-letter-queue}): SmallRye's
 * own {@code dead-letter-queue}, configured as before ({@code dead-letter-queue.*}), which also counts each record
 * it wrote to the dead-letter topic in {@code hospital_dead_letters_total{topic="<topic>.dlq"}}, once the broker
 * took it. The counters exist at 0 from the start, so Prometheus sees the first dead letter as an increase
 * (decision 0090).
 */
@ApplicationScoped
@Identifier(CountedDeadLetterQueue.STRATEGY)
public class CountedDeadLetterQueue implements KafkaFailureHandler.Factory {

    public static final String STRATEGY = "counted-dead-letter-queue";
    static final String METRIC = "hospital.dead.letters";

    private final KafkaFailureHandler.Factory deadLetterQueue;
    private final MeterRegistry registry;
    private final Config config;

    public CountedDeadLetterQueue(@Identifier(KafkaFailureHandler.Strategy.DEAD_LETTER_QUEUE) KafkaFailureHandler.Factory deadLetterQueue,
            MeterRegistry registry, Config config) {
        this.deadLetterQueue = deadLetterQueue;
        this.registry = registry;
        this.config = config;
    }

    void registerAtZero(@Observes StartupEvent start) {
        DeadLetters.deadLetterTopics(config).keySet().forEach(this::counter);
    }

    @Override
    public KafkaFailureHandler create(KafkaConnectorIncomingConfiguration channel, io.vertx.mutiny.core.Vertx vertx,
            KafkaConsumer<?, ?> consumer, BiConsumer<Throwable, Boolean> reportFailure) {
        KafkaFailureHandler delegate = deadLetterQueue.create(channel, vertx, consumer, reportFailure);
        // SmallRye's default when no topic is configured.
        Counter counter = counter(channel.getDeadLetterQueueTopic()
                .orElse("dead-letter-topic-" + channel.getTopic().orElse(channel.getChannel())));
        return new KafkaFailureHandler() {
            @Override
            public <K, V> Uni<Void> handle(IncomingKafkaRecord<K, V> record, Throwable reason, Metadata metadata) {
                return delegate.handle(record, reason, metadata).invoke(() -> counter.increment());
            }

            @Override
            public void terminate() {
                delegate.terminate();
            }
        };
    }

    private Counter counter(String deadLetterTopic) {
        return Counter.builder(METRIC)
                .description("Records written to a dead-letter topic")
                .tag("topic", deadLetterTopic)
                .register(registry);
    }
}
