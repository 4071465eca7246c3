package io.animalhospital.billing;

import static io.animalhospital.billing.Clinic.RESERVATION_EVENTS;
import static io.animalhospital.billing.Clinic.reservationEvent;
import static io.animalhospital.billing.Clinic.sendReservationEvent;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.animalhospital.infra.TestDatabase;
import io.animalhospital.infra.TestKafka;
import io.quarkus.test.junit.QuarkusTest;

/**
 * Whose a reservation is, learnt from reservation-events (reservation-service's contract: every event fed here is
 * checked against its schema) through the inbox: applied once per event id, the newest snapshot wins, phones kept
 * in their normal form, unreadable events to the DLQ.
 */
@QuarkusTest
class ReservationOwnersTest {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static TestKafka kafka;
    private static TestDatabase db;

    @BeforeAll
    static void connect() {
        kafka = new TestKafka(ConfigProvider.getConfig().getValue("kafka.bootstrap.servers", String.class));
        db = new TestDatabase(ConfigProvider.getConfig().getValue("quarkus.datasource.jdbc.url", String.class));
    }

    @AfterAll
    static void close() {
        kafka.close();
    }

    @Test
    void everyWrittenFormOfAPhoneIsStoredInItsNormalForm() {
        List<String[]> forms = List.of(new String[] { "01012345678", "010-1234-5678" },
                new String[] { "010 1234 5678", "010-1234-5678" }, new String[] { "+82 10-1234-5678", "010-1234-5678" },
                new String[] { "0212345678", "02-1234-5678" }, new String[] { "0311234567", "031-123-4567" },
                new String[] { "010-1234-5678", "010-1234-5678" },
                // Not a Korean number: kept as it came (it can match no customer's token).
                new String[] { "12345", "12345" });
        for (String[] form : forms) {
            UUID reservationId = UUID.randomUUID();
            UUID eventId = UUID.randomUUID();
            sendReservationEvent(kafka, reservationId,
                    reservationEvent(eventId, "ReservationPlaced", reservationId, form[0], Instant.now()));
            await().atMost(WAIT).until(() -> processed(eventId) == 1);
            assertThat(owner(reservationId)).as(form[0]).isEqualTo(form[1]);
        }
    }

    @Test
    void anEventDeliveredTwiceIsAppliedOnceAndEveryTypeTeachesTheOwner() {
        for (String type : List.of("ReservationPlaced", "ReservationChanged", "ReservationApproved",
                "ReservationCancelled", "ReservationTreated")) {
            UUID reservationId = UUID.randomUUID();
            UUID eventId = UUID.randomUUID();
            String event = reservationEvent(eventId, type, reservationId, "010-3333-4444", Instant.now());
            sendReservationEvent(kafka, reservationId, event);
            sendReservationEvent(kafka, reservationId, event);
            await().atMost(WAIT).until(() -> processed(eventId) == 1);
            assertThat(owner(reservationId)).as(type).isEqualTo("010-3333-4444");
            assertThat(db.count("SELECT count(*) FROM reservation_owner WHERE reservation_id = ?", reservationId))
                    .isEqualTo(1);
        }
    }

    @Test
    void theNewestSnapshotWinsWhateverTheOrder() {
        UUID reservationId = UUID.randomUUID();
        Instant placedAt = Instant.parse("2031-05-01T10:00:00Z");
        Instant changedAt = placedAt.plusSeconds(60);
        UUID changed = UUID.randomUUID();
        UUID latePlaced = UUID.randomUUID();
        // The change (a new phone, by staff) arrives first; the placement, late or replayed, must not undo it.
        sendReservationEvent(kafka, reservationId,
                reservationEvent(changed, "ReservationChanged", reservationId, "010-5555-0002", changedAt));
        sendReservationEvent(kafka, reservationId,
                reservationEvent(latePlaced, "ReservationPlaced", reservationId, "010-5555-0001", placedAt));
        await().atMost(WAIT).until(() -> processed(latePlaced) == 1);
        assertThat(owner(reservationId)).isEqualTo("010-5555-0002");

        UUID newer = UUID.randomUUID();
        sendReservationEvent(kafka, reservationId, reservationEvent(newer, "ReservationChanged", reservationId,
                "010-5555-0003", changedAt.plusSeconds(60)));
        await().atMost(WAIT).until(() -> processed(newer) == 1);
        assertThat(owner(reservationId)).isEqualTo("010-5555-0003");
    }

    @Test
    void unknownTypesAreSkippedAndUnreadableEventsGoToTheDlq() {
        UUID reservationId = UUID.randomUUID();
        UUID unknown = UUID.randomUUID();
        // A type reservation-service may add one day: deliberately not in today's contract.
        kafka.send(RESERVATION_EVENTS, reservationId.toString(), reservationEvent(unknown, "ReservationArchived",
                reservationId, "010-6666-0001", Instant.now()));
        await().atMost(WAIT).until(() -> processed(unknown) == 1);
        assertThat(owner(reservationId)).isNull();

        UUID broken = UUID.randomUUID();
        try (TestKafka.Reader dlq = kafka.reader(RESERVATION_EVENTS + ".dlq")) {
            // Off the contract: a snapshot whose updatedAt is not a time.
            kafka.send(RESERVATION_EVENTS, reservationId.toString(), reservationEvent(broken, "ReservationPlaced",
                    reservationId, "010-6666-0001", Instant.now()).replaceAll("\"updatedAt\":\"[^\"]*\"",
                            "\"updatedAt\":\"yesterday\""));
            UUID next = UUID.randomUUID();
            sendReservationEvent(kafka, reservationId,
                    reservationEvent(next, "ReservationPlaced", reservationId, "010-6666-0002", Instant.now()));
            await().atMost(WAIT).until(() -> processed(next) == 1);
            await().atMost(WAIT).until(() -> !dlq.matching(r -> reservationId.toString().equals(r.key())).isEmpty());
        }
        assertThat(processed(broken)).isZero();
        assertThat(owner(reservationId)).isEqualTo("010-6666-0002");
    }

    private static String owner(UUID reservationId) {
        return db.query("SELECT phone FROM reservation_owner WHERE reservation_id = ?", reservationId).stream()
                .map(row -> (String) row.get("phone")).findFirst().orElse(null);
    }

    private static long processed(UUID eventId) {
        return db.count("SELECT count(*) FROM processed_event WHERE event_id = ?", eventId);
    }
}
