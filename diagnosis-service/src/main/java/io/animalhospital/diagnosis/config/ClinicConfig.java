package io.animalhospital.diagnosis.config;

import java.time.ZoneId;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** The clinic itself, as every service sees it (the same keys in each). */
@ConfigMapping(prefix = "hospital.clinic")
public interface ClinicConfig {

    /**
     * Where the clinic is: a schedule's date is a day in this zone, and a day has passed when it is before today
     * here, whatever zone the server runs in (SPEC §2).
     */
    @WithDefault("Asia/Seoul")
    ZoneId timeZone();
}
