package io.animalhospital.platform.logging;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.logging.Level;

import org.jboss.logmanager.ExtLogRecord;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.logging.json.runtime.JsonFormatter;

/**
 * A log line as every service writes it in prod: Quarkus's JSON formatter behind the platform's filter. It carries
 * the trace, span, reservation and user ids, and no phone number or e-mail address in clear.
 */
class ProdLogLineTest {

    private final PlatformLogFilter filter = new PlatformLogFilter();
    private final JsonFormatter json = new JsonFormatter();

    @Test
    void aProdLineHasTheIdsAndMasksPersonalData() throws Exception {
        ExtLogRecord record = new ExtLogRecord(Level.WARNING, "Could not reach %s at %s or %s (reservation %s)",
                ExtLogRecord.FormatStyle.PRINTF, getClass().getName());
        record.setParameters(new Object[] { "Kim", "010-1234-5678", "kim.owner@example.com", "0b9e0f9c-7d5e-4a51-9e1f-0d2c3b4a5968" });
        record.setMdc(Map.of("traceId", "4bf92f3577b34da6a3ce929d0e0e4736", "spanId", "00f067aa0ba902b7",
                "reservationId", "0b9e0f9c-7d5e-4a51-9e1f-0d2c3b4a5968", "userId", "6f1c2d3e-subject"));

        assertThat(filter.isLoggable(record)).isTrue();
        JsonNode line = new ObjectMapper().readTree(json.format(record));

        assertThat(line.path("mdc").path("traceId").asText()).isEqualTo("4bf92f3577b34da6a3ce929d0e0e4736");
        assertThat(line.path("mdc").path("spanId").asText()).isEqualTo("00f067aa0ba902b7");
        assertThat(line.path("mdc").path("reservationId").asText()).isEqualTo("0b9e0f9c-7d5e-4a51-9e1f-0d2c3b4a5968");
        assertThat(line.path("mdc").path("userId").asText()).isEqualTo("6f1c2d3e-subject");
        assertThat(line.path("message").asText())
                .isEqualTo("Could not reach Kim at 0**-****-**78 or k***@example.com (reservation 0b9e0f9c-7d5e-4a51-9e1f-0d2c3b4a5968)");
    }

    @Test
    void phoneShapedNumbersAreMaskedAndOtherNumbersKept() {
        assertThat(PersonalDataMasking.mask("sent to +82 10-1234-5678 and 01098765432 and +821055556666"))
                .isEqualTo("sent to +** **-****-**78 and 0********32 and +**********66");
        assertThat(PersonalDataMasking.mask("02-123-4567 called")).isEqualTo("0*-***-**67 called");
        String ordinary = "at 2026-12-02 09:32:05.123, offset 1733130000000, 20 seats, id 12345678-1234-5678-1234-567812345678";
        assertThat(PersonalDataMasking.mask(ordinary)).isEqualTo(ordinary);
    }
}
