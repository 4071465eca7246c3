package io.animalhospital.load.chaos;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The ERROR lines of a service's log, JSON (prod) or text: by their level field, placed against the outages. */
class ServiceLogErrorsTest {

    @Test
    void countsJsonAndTextErrorLinesByTheirLevelOnly(@TempDir Path dir) throws IOException {
        Path log = dir.resolve("reservation-service.log");
        Files.write(log, List.of(
                "{\"timestamp\":\"2026-12-02T10:00:00.5Z\",\"loggerName\":\"io.a.B\",\"level\":\"ERROR\",\"message\":\"boom\"}",
                "{\"timestamp\":\"2026-12-02T11:00:00Z\",\"loggerName\":\"io.a.B\",\"level\":\"ERROR\",\"message\":\"boom\"}",
                "{\"timestamp\":\"2026-12-02T10:00:01Z\",\"loggerName\":\"io.a.C\",\"level\":\"INFO\",\"message\":\"an ERROR word\"}",
                "2026-12-02 10:00:02,214 WARN  [io.a.D] (main) an ERROR word"));
        Instant[] outage = { Instant.parse("2026-12-02T09:59:00Z"), Instant.parse("2026-12-02T10:01:00Z") };

        ServiceLogErrors.Service counted = ServiceLogErrors.count(Map.of("reservation", log), List.<Instant[]>of(outage))
                .services().get(0);

        assertThat(counted.errors()).isEqualTo(2);
        assertThat(counted.outsideOutages()).isEqualTo(1);
        assertThat(counted.messages()).containsEntry("[io.a.B] boom", 2);
    }
}
