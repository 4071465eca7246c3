package io.animalhospital.platform.config;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithName;

/**
 * The platform's settings, one prefix for all. Defaults live in the library's
 * {@code META-INF/microprofile-config.properties}, so a service sets nothing unless it differs.
 */
@ConfigMapping(prefix = "hospital.platform")
public interface PlatformConfig {

    Outbox outbox();

    Http http();

    interface Http {

        /** A longer request URI is answered 414 (problem details). */
        @WithDefault("4096")
        int maxUriLength();
    }

    interface Outbox {

        /**
         * Build time: false leaves the relay out, for a service that publishes nothing (read by OutboxRelay's
         * {@code @IfBuildProperty}; declared here so the mapping accepts it).
         */
        @WithDefault("true")
        boolean enabled();

        /** Events published per relay round. */
        @WithDefault("200")
        int batchSize();

        /** Backstop polling when no NOTIFY arrived (after a reconnect, say). */
        @WithDefault("1s")
        Duration pollInterval();

        /** How often the outbox's gauges count what waits (read by OutboxGauges' {@code @Scheduled}). */
        @WithDefault("10s")
        Duration measureInterval();

        /** CloudEvents {@code ce_source} of this service's events. */
        String source();

        /** Where the relay listens for NOTIFY: the service's own database. */
        @WithName("datasource.url")
        String datasourceUrl();

        @WithName("datasource.user")
        String datasourceUser();

        @WithName("datasource.password")
        String datasourcePassword();
    }
}
