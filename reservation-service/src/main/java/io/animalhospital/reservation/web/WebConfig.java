package io.animalhospital.reservation.web;

import java.time.ZoneId;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Size;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** The customers' app (SPEC §8). */
@ConfigMapping(prefix = "hospital.web")
public interface WebConfig {

    /**
     * Encrypts the sign-in session and the code flow's state cookie (the OIDC tenant {@code web} reads the same
     * property). From HOSPITAL_WEB_SESSION_SECRET; the local stack makes one per machine. Checked here so that a
     * short one stops the service at start-up rather than at the first sign-in.
     */
    @Size(min = 32, message = "must be at least 32 characters (HOSPITAL_WEB_SESSION_SECRET)")
    String sessionSecret();

    /** The clinic's time zone: "from today" on the free days is the clinic's today. */
    @WithDefault("Asia/Seoul")
    ZoneId timeZone();

    /** Rows per page of the app's lists. */
    @WithDefault("10")
    @Min(1)
    @Max(100)
    int pageSize();
}
