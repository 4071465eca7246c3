package io.animalhospital.notice;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import org.eclipse.microprofile.config.ConfigProvider;
import org.jboss.logmanager.ExtLogRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.animalhospital.infra.TestDatabase;
import io.animalhospital.infra.TestKafka;
import io.animalhospital.notice.Events.Reservation;
import io.animalhospital.notice.domain.Recipients;
import io.quarkus.test.junit.QuarkusTest;

/**
 * The log channel (the default) writes each message to the service log: with the phone masked, never whole, as
 * every log line of the service.
 */
@QuarkusTest
class MaskedLogsTest {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static TestKafka kafka;
    private static TestDatabase db;
    private static final List<String> lines = new CopyOnWriteArrayList<>();
    private static final Handler CAPTURE = new Handler() {
        @Override
        public void publish(LogRecord record) {
            lines.add(record instanceof ExtLogRecord ext ? ext.getFormattedMessage() : record.getMessage());
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };

    @BeforeAll
    static void connect() {
        kafka = new TestKafka(ConfigProvider.getConfig().getValue("kafka.bootstrap.servers", String.class));
        db = new TestDatabase(ConfigProvider.getConfig().getValue("quarkus.datasource.jdbc.url", String.class));
        Logger.getLogger("io.animalhospital.notice").addHandler(CAPTURE);
    }

    @AfterAll
    static void close() {
        Logger.getLogger("io.animalhospital.notice").removeHandler(CAPTURE);
        kafka.close();
    }

    @Test
    void theLogChannelMasksThePhone() {
        Reservation r = Reservation.of("Choco", "01024681357", null);
        UUID placed = UUID.randomUUID();
        kafka.send("reservation-events", r.key(), Events.reservationEvent(placed, "ReservationPlaced", r, "RESERVED", null));
        await().atMost(WAIT).until(() -> db.count("SELECT count(*) FROM notification WHERE event_id = ?"
                + " AND status = 'SENT'", placed) == 1);
        String id = db.query("SELECT id FROM notification WHERE event_id = ?", placed).get(0).get("id").toString();

        List<String> delivered = lines.stream().filter(line -> line.contains(id)).toList();
        assertThat(delivered).hasSize(1);
        assertThat(delivered.get(0)).contains("to 0**-****-**57").contains("Choco");
        assertThat(lines).noneMatch(line -> line.contains("010-2468-1357") || line.contains("01024681357"));
    }

    @Test
    void addressesInErrorTextAreMaskedToo() {
        assertThat(Recipients.masked("mimi.owner@example.com")).isEqualTo("m***@example.com");
        assertThat(Recipients.masked("010-2468-1357")).isEqualTo("0**-****-**57");
        assertThat(Recipients.redacted("550 5.1.1 <mimi.owner@example.com>: Recipient address rejected"))
                .isEqualTo("550 5.1.1 <m***@example.com>: Recipient address rejected");
        assertThat(Recipients.redacted("gateway: no subscriber 010-2468-1357 (01024681357, +82 10 2468 1357)"))
                .doesNotContain("2468").contains("0**-****-**57");
        // What is no phone stays readable: status codes, times, short numbers.
        assertThat(Recipients.redacted("webhook answered HTTP 503 after 5000 ms"))
                .isEqualTo("webhook answered HTTP 503 after 5000 ms");
    }
}
