package io.animalhospital.reservation.domain;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

@ConfigMapping(prefix = "hospital.reservation")
public interface BookingRules {

    /** What a 503 tells the customer to wait before trying again (about the breaker's open delay). */
    @WithDefault("5s")
    Duration retryAfter();

    /**
     * How long a placement's NOT_CONFIRMED cancellation is held back before it goes out on its own. Well above the
     * booking timeout; its end plus the event's way to diagnosis must stay under SPEC's 60 s for a lost seat.
     */
    @WithDefault("30s")
    Duration placementHold();
}
