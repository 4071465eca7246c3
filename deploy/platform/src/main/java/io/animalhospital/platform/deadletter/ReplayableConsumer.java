package io.animalhospital.platform.deadletter;

import io.smallrye.mutiny.Uni;

/**
 * A consumer whose dead letters an administrator may apply again. The replay goes through the consumer's own
 * idempotent path (the inbox), so an event that took effect before changes nothing; it is never written back to
 * the source topic, which belongs to its producer (SPEC §7: a service writes only its own topics).
 */
public interface ReplayableConsumer {

    /** The topic this consumer reads; its dead letters are on {@code <topic>.dlq}. */
    String topic();

    /** Applies one message of the topic, as delivered (the record's value). */
    Uni<Void> replay(String payload);
}
