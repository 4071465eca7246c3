package io.animalhospital.reservation.config;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

@ConfigMapping(prefix = "hospital.reservation")
public interface ReservationConfig {

    /** What a 503 tells the customer to wait before trying again (about the breaker's open delay). */
    @WithDefault("5s")
    Duration retryAfter();
}
