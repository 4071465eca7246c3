package io.animalhospital.notice.domain;

import java.net.URI;
import java.time.Duration;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * The clinic's notification policy, from configuration: which channel notifications go through, in which
 * language, and how hard delivery is tried.
 */
@ConfigMapping(prefix = "hospital.notice")
public interface NoticeSettings {

    /** The channel of every notification: {@code log}, {@code webhook} or {@code email}. */
    @WithDefault("log")
    ChannelKind channel();

    /** The language messages are written in: {@code ko} or {@code en}. */
    @WithDefault("ko")
    Language language();

    Delivery delivery();

    Webhook webhook();

    Email email();

    interface Delivery {

        /** Attempts per notification before it is FAILED (the first try included). */
        @WithDefault("6")
        int maxAttempts();

        /** Wait before the second attempt; each later wait is {@link #backoffMultiplier()} times longer. */
        @WithDefault("2s")
        Duration initialBackoff();

        @WithDefault("3.0")
        double backoffMultiplier();

        @WithDefault("10m")
        Duration maxBackoff();

        /** How long one channel call may take before it counts as failed. */
        @WithDefault("5s")
        Duration timeout();

        /**
         * A claimed notification is hidden from other workers this long; if its worker dies mid-delivery it is
         * picked up again afterwards. Must exceed {@link #timeout()}.
         */
        @WithDefault("60s")
        Duration lease();

        /** Scan for due notifications (retries, restarts, other replicas' work); the scheduler's minimum is 1s. */
        @WithDefault("1s")
        Duration pollInterval();

        /**
         * A round woken by a consumer's commit starts this much later, so that under load it takes the
         * notifications of many commits at once (one claim and one recording transaction for them all).
         */
        @WithDefault("50ms")
        Duration gather();

        /** Notifications delivered concurrently per round. */
        @WithDefault("20")
        int batchSize();
    }

    interface Webhook {

        /** Where the JSON message is POSTed (a KakaoTalk/SMS gateway); required for the webhook channel. */
        Optional<URI> url();
    }

    interface Email {

        /** The channel for contacts without an e-mail address when the channel is {@code email}. */
        @WithDefault("log")
        ChannelKind fallback();
    }
}
