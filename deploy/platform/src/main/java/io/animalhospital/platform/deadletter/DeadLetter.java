package io.animalhospital.platform.deadletter;

import java.time.Instant;

/**
 * A record on a dead-letter topic, as an administrator sees it: where it is, what it was, why it failed, and
 * whether it was replayed.
 */
public record DeadLetter(String topic, int partition, long offset, String sourceTopic, String key, String eventId,
        String eventType, String reason, Instant at, Instant replayedAt, String replayedBy) {

    DeadLetter replayed(Instant when, String by) {
        return new DeadLetter(topic, partition, offset, sourceTopic, key, eventId, eventType, reason, at, when, by);
    }
}
