package io.animalhospital.platform.tracing;

import java.net.URI;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Where spans go (decision 0095). Defaults in the platform's {@code META-INF/microprofile-config.properties}. */
@ConfigMapping(prefix = "hospital.tracing")
public interface TracingConfig {

    /** none: spans made (their ids in the logs) and dropped; zipkin: to {@link #zipkinEndpoint}; otlp: Quarkus's own exporter. */
    @WithDefault("none")
    Exporter exporter();

    /** Zipkin's span intake, e.g. {@code http://127.0.0.1:9411/api/v2/spans}. */
    Optional<URI> zipkinEndpoint();

    enum Exporter {
        NONE, ZIPKIN, OTLP
    }
}
