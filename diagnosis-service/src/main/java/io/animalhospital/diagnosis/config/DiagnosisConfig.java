package io.animalhospital.diagnosis.config;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

@ConfigMapping(prefix = "hospital.diagnosis")
public interface DiagnosisConfig {

    BookingDelay bookingDelay();

    /**
     * The seed load scenario's slow diagnosis: booking answers are delayed by a random time in [min, max],
     * on a timer, never by blocking a thread. Off by default.
     */
    interface BookingDelay {
        @WithDefault("false")
        boolean enabled();

        @WithDefault("400ms")
        Duration min();

        @WithDefault("620ms")
        Duration max();
    }
}
