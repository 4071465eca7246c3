package io.animalhospital.notice;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;

import org.eclipse.microprofile.config.ConfigProvider;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.configuration.FluentConfiguration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.animalhospital.infra.TestDatabase;
import io.animalhospital.infra.TestKafka;
import io.animalhospital.notice.Events.Reservation;
import io.animalhospital.platform.security.PhoneNumbers;
import io.quarkus.test.junit.QuarkusTest;

/**
 * Phones are stored, sent and matched in one normal form (SPEC §3): what arrives in events is normalised, and
 * what was stored before is converted by the migration (V3), whose SQL function does what {@link PhoneNumbers}
 * does.
 */
@QuarkusTest
class PhoneNormalFormTest {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static TestKafka kafka;
    private static TestDatabase db;

    @BeforeAll
    static void connect() {
        kafka = new TestKafka(ConfigProvider.getConfig().getValue("kafka.bootstrap.servers", String.class));
        db = new TestDatabase(jdbcUrl());
    }

    @AfterAll
    static void close() {
        kafka.close();
    }

    @Test
    void aPhoneWrittenAnyWayIsStoredAndSentInItsNormalForm() {
        Reservation r = Reservation.of("Mimi", "+82 10 7777 0001", null);
        UUID placed = UUID.randomUUID();
        kafka.send("reservation-events", r.key(), Events.reservationEvent(placed, "ReservationPlaced", r, "RESERVED", null));
        await().atMost(WAIT).until(() -> db.count("SELECT count(*) FROM notification WHERE event_id = ?"
                + " AND status = 'SENT'", placed) == 1);

        assertThat(db.query("SELECT phone FROM reservation_contact WHERE reservation_id = ?", r.id()))
                .containsExactly(Map.of("phone", "010-7777-0001"));
        assertThat(db.query("SELECT recipient, phone FROM notification WHERE event_id = ?", placed))
                .containsExactly(Map.of("recipient", "010-7777-0001", "phone", "010-7777-0001"));
        Access.asStaff().queryParam("recipient", "01077770001").get("/notifications").then().statusCode(200)
                .body("reservationId", org.hamcrest.Matchers.hasItem(r.key()));
    }

    @Test
    void theMigrationConvertsWhatWasStoredAndKeepsWhatItCannot() {
        String schema = "upgrade_" + UUID.randomUUID().toString().replace("-", "");
        FluentConfiguration flyway = Flyway.configure().dataSource(jdbcUrl(), user(), password()).schemas(schema)
                .locations("classpath:db/migration");
        try {
            flyway.target("2").load().migrate();
            Map<String, String> contacts = new java.util.LinkedHashMap<>();
            contacts.put("01012345678", "010-1234-5678");
            contacts.put("010 1234 5678", "010-1234-5678");
            contacts.put("+82 10-1234-5678", "010-1234-5678");
            contacts.put("+82 010.1234.5678", "010-1234-5678");
            contacts.put("0212345678", "02-1234-5678");
            contacts.put("021234567", "02-123-4567");
            contacts.put("0311234567", "031-123-4567");
            contacts.put("(031) 123-4567", "031-123-4567");
            contacts.put("010-1234-5678", "010-1234-5678");
            contacts.put("12345", "12345");
            contacts.put("0101234567890", "0101234567890");
            contacts.put("ask at the desk", "ask at the desk");
            List<UUID> ids = new ArrayList<>();
            for (String phone : contacts.keySet()) {
                UUID id = UUID.randomUUID();
                ids.add(id);
                db.execute("INSERT INTO " + schema + ".reservation_contact (reservation_id, phone, updated_at)"
                        + " VALUES ('" + id + "', '" + phone + "', now())");
            }
            UUID logged = UUID.randomUUID();
            UUID mailed = UUID.randomUUID();
            UUID waiting = UUID.randomUUID();
            db.execute("INSERT INTO " + schema + ".notification (id, event_id, event_type, reservation_id, recipient,"
                    + " phone, channel, language, message, status, attempts, created_at) VALUES"
                    + " ('" + logged + "', gen_random_uuid(), 'ReservationPlaced', gen_random_uuid(), '01098765432',"
                    + " '01098765432', 'LOG', 'KO', 'm', 'SENT', 1, now()),"
                    + " ('" + mailed + "', gen_random_uuid(), 'ReservationPlaced', gen_random_uuid(),"
                    + " 'mimi.owner@example.com', '010 9876 5432', 'EMAIL', 'KO', 'm', 'SENT', 1, now()),"
                    + " ('" + waiting + "', gen_random_uuid(), 'BillIssued', gen_random_uuid(), NULL, NULL, NULL, 'KO',"
                    + " NULL, 'PENDING', 0, now())");

            flyway.target("latest").load().migrate();

            int i = 0;
            for (Map.Entry<String, String> contact : contacts.entrySet()) {
                assertThat(db.query("SELECT phone FROM " + schema + ".reservation_contact WHERE reservation_id = ?",
                        ids.get(i++))).as(contact.getKey()).containsExactly(Map.of("phone", contact.getValue()));
            }
            assertThat(row(schema, logged)).containsEntry("recipient", "010-9876-5432").containsEntry("phone", "010-9876-5432");
            assertThat(row(schema, mailed)).containsEntry("recipient", "mimi.owner@example.com")
                    .containsEntry("phone", "010-9876-5432");
            assertThat(row(schema, waiting)).containsEntry("recipient", null).containsEntry("phone", null);
        } finally {
            db.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
        }
    }

    @Test
    void theMigrationsFunctionDoesWhatPhoneNumbersDoes() {
        List<String> inputs = new ArrayList<>(List.of("01012345678", " 010-1234-5678 ", "010.1234.5678", "(010)1234-5678",
                "+821012345678", "+82 010 1234 5678", "+82-2-123-4567", "0212345678", "021234567", "02123456",
                "0311234567", "07012345678", "0101234567", "010123456", "010123456789", "1012345678", "+8312345678",
                "010-1234-567a", "", " ", "--", "+82", "0"));
        Random random = new Random(17);
        String separators = " .()-";
        for (int n = 0; n < 300; n++) {
            StringBuilder phone = new StringBuilder(random.nextInt(4) == 0 ? "+82" : "0");
            int digits = 7 + random.nextInt(6);
            for (int d = 0; d < digits; d++) {
                phone.append((char) ('0' + random.nextInt(10)));
                if (random.nextInt(5) == 0) {
                    phone.append(separators.charAt(random.nextInt(separators.length())));
                }
            }
            inputs.add(phone.toString());
        }
        Map<String, String> sql = new HashMap<>();
        Map<String, String> java = new HashMap<>();
        for (String input : inputs) {
            sql.put(input, (String) db.query("SELECT phone_normal_form(?) AS p", input).get(0).get("p"));
            java.put(input, PhoneNumbers.normalise(input).orElse(input));
        }
        assertThat(sql).isEqualTo(java);
    }

    private static Map<String, Object> row(String schema, UUID id) {
        return db.query("SELECT recipient, phone FROM " + schema + ".notification WHERE id = ?", id).get(0);
    }

    private static String jdbcUrl() {
        return ConfigProvider.getConfig().getValue("quarkus.datasource.jdbc.url", String.class);
    }

    private static String user() {
        return ConfigProvider.getConfig().getValue("quarkus.datasource.username", String.class);
    }

    private static String password() {
        return ConfigProvider.getConfig().getValue("quarkus.datasource.password", String.class);
    }
}
