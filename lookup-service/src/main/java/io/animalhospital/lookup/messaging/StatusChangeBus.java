package io.animalhospital.lookup.messaging;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import io.animalhospital.lookup.domain.StatusChanges;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.animalhospital.lookup.domain.StatusDocument;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Multi;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.eventbus.MessageCodec;
import io.vertx.mutiny.core.eventbus.EventBus;
import io.vertx.mutiny.core.eventbus.Message;
import io.vertx.mutiny.core.eventbus.MessageConsumer;

/**
 * Fans committed view changes out to live stream subscribers, on the Vert.x event bus with one address per
 * reservation, so a subscriber only hears about its own reservation. The bus is this replica's: the replica whose
 * consumer applied an event publishes here after the commit, and every replica (this one too) republishes what
 * the database announces for the reservations its subscribers follow ({@link ReplicaStatusChanges}); a stream
 * drops what is not newer than what it sent.
 */
@ApplicationScoped
public class StatusChangeBus implements StatusChanges {

    /** Followed by the reservation id. Metrics leave these addresses out ({@link StreamMetrics}). */
    public static final String ADDRESS_PREFIX = "reservation-status.";

    private final EventBus bus;
    /** The reservations followed on this replica, with their number of subscribers. */
    private final Map<UUID, Integer> followed = new ConcurrentHashMap<>();

    public StatusChangeBus(EventBus bus, MeterRegistry registry) {
        this.bus = bus;
        // lookup_stream_subscribers: live status streams open on this replica now (decision 0090).
        Gauge.builder("lookup.stream.subscribers", followed, f -> f.values().stream().mapToInt(Integer::intValue).sum())
                .description("Live reservation-status streams (server-sent events) open on this replica")
                .register(registry);
    }

    void registerCodec(@Observes StartupEvent start) {
        bus.getDelegate().registerDefaultCodec(StatusDocument.class, new LocalCodec());
    }

    @Override
    public void publish(List<StatusDocument> documents) {
        for (StatusDocument document : documents) {
            bus.publish(address(document.reservationId()), document);
        }
    }

    /** Delivered on the subscriber's context. */
    @Override
    public Multi<StatusDocument> of(UUID reservationId) {
        return Multi.createFrom().deferred(() -> {
            MessageConsumer<StatusDocument> consumer = bus.consumer(address(reservationId));
            followed.merge(reservationId, 1, Integer::sum);
            return consumer.toMulti().map(Message::body)
                    .onTermination().invoke(() -> followed.computeIfPresent(reservationId, (id, n) -> n == 1 ? null : n - 1))
                    .onTermination().call(consumer::unregister);
        });
    }

    /** Whether a subscriber on this replica follows the reservation. */
    boolean isFollowed(UUID reservationId) {
        return followed.containsKey(reservationId);
    }

    /** The reservations subscribers on this replica follow now. */
    Set<UUID> followed() {
        return Set.copyOf(followed.keySet());
    }

    private static String address(UUID reservationId) {
        return ADDRESS_PREFIX + reservationId;
    }

    /** Documents are immutable records and never leave the JVM: handed over as they are. */
    static final class LocalCodec implements MessageCodec<StatusDocument, StatusDocument> {

        @Override
        public void encodeToWire(Buffer buffer, StatusDocument document) {
            throw new UnsupportedOperationException("status changes stay within this replica");
        }

        @Override
        public StatusDocument decodeFromWire(int pos, Buffer buffer) {
            throw new UnsupportedOperationException("status changes stay within this replica");
        }

        @Override
        public StatusDocument transform(StatusDocument document) {
            return document;
        }

        @Override
        public String name() {
            return "status-document-local";
        }

        @Override
        public byte systemCodecID() {
            return -1;
        }
    }
}
