package io.animalhospital.reservation.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithName;

/** The transactional outbox relay. */
@ConfigMapping(prefix = "hospital.outbox")
public interface OutboxConfig {

    /** Events published per relay round. */
    @WithDefault("200")
    int batchSize();

    /** Backstop polling when no NOTIFY arrived (e.g. after a reconnect); used by the relay's schedule. */
    @WithDefault("1s")
    java.time.Duration pollInterval();

    /** CloudEvents {@code ce_source} of this service's events. */
    String source();

    /** Where the relay listens for NOTIFY (the service's own database). */
    @WithName("datasource.url")
    String datasourceUrl();

    @WithName("datasource.user")
    String datasourceUser();

    @WithName("datasource.password")
    String datasourcePassword();
}
