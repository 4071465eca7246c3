package io.animalhospital.diagnosis.config;

import java.time.Clock;

import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/** The clock the domain asks for "now" and "today": the system's, in the clinic's time zone. */
@Singleton
public class ClinicClock {

    @Produces
    @Singleton
    Clock clinicClock(ClinicConfig config) {
        return Clock.system(config.timeZone());
    }
}
