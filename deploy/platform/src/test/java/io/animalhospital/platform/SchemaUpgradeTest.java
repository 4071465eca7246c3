package io.animalhospital.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.eclipse.microprofile.config.ConfigProvider;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.configuration.FluentConfiguration;
import org.junit.jupiter.api.Test;

import io.animalhospital.infra.TestDatabase;
import io.animalhospital.platform.schema.PlatformSchema;
import io.quarkus.test.junit.QuarkusTest;

/**
 * A database created by the services' migrations before the platform existed (their V1__messaging, reservation's
 * V3__held_events, lookup's V3__uuid_list, copied as they were) upgrades to the platform's schema without losing
 * a row, migrated as a service now is: its remaining scripts, plus the platform's location.
 */
@QuarkusTest
class SchemaUpgradeTest {

    @Test
    void aProducersDatabaseKeepsItsOutboxAndProcessedEvents() {
        TestDatabase db = database("legacy_reservation");
        flyway("legacy_reservation", "db/legacy-reservation").load().migrate();
        UUID due = UUID.randomUUID();
        UUID held = UUID.randomUUID();
        UUID processed = UUID.randomUUID();
        db.execute("INSERT INTO outbox_event (event_id, topic, record_key, event_type, payload, occurred_at)"
                        + " VALUES ('" + due + "', 'reservation-events', 'k1', 'ReservationPlaced', '{\"a\":1}', now())",
                "INSERT INTO outbox_event (event_id, topic, record_key, event_type, payload, occurred_at, held_until)"
                        + " VALUES ('" + held + "', 'reservation-events', 'k2', 'ReservationCancelled', '{\"b\":2}', now(),"
                        + " now() + interval '1 hour')",
                "INSERT INTO processed_event (event_id, topic) VALUES ('" + processed + "', 'diagnosis-events')");

        upgrade("legacy_reservation", "db/current-reservation");

        assertThat(db.query("SELECT event_id, payload::text AS payload, held_until IS NOT NULL AS held FROM outbox_event"
                + " ORDER BY seq")).containsExactly(
                Map.of("event_id", due, "payload", "{\"a\": 1}", "held", false),
                Map.of("event_id", held, "payload", "{\"b\": 2}", "held", true));
        assertThat(db.count("SELECT count(*) FROM processed_event WHERE event_id = ?", processed)).isEqualTo(1);
        assertPlatformSchema(db);
        // The service's own history is as it was; the platform's has its own.
        assertThat(db.count("SELECT count(*) FROM flyway_schema_history WHERE success")).isEqualTo(3);
    }

    @Test
    void aConsumerOnlyDatabaseKeepsItsProcessedEventsAndGetsTheOutbox() {
        TestDatabase db = database("legacy_lookup");
        flyway("legacy_lookup", "db/legacy-lookup").load().migrate();
        UUID processed = UUID.randomUUID();
        db.execute("INSERT INTO processed_event (event_id, topic) VALUES ('" + processed + "', 'billing-events')");

        upgrade("legacy_lookup", "db/current-lookup");

        assertThat(db.count("SELECT count(*) FROM processed_event WHERE event_id = ?", processed)).isEqualTo(1);
        assertPlatformSchema(db);
    }

    @Test
    void aNewDatabaseGetsThePlatformTablesBeforeTheServicesOwn() {
        // This application's own database was migrated at start-up, as every service's is.
        assertPlatformSchema(new TestDatabase(ConfigProvider.getConfig().getValue("quarkus.datasource.jdbc.url", String.class)));
    }

    private static void upgrade(String database, String serviceLocation) {
        FluentConfiguration configuration = flyway(database, serviceLocation);
        new PlatformSchema().customize(configuration);
        configuration.load().migrate();
        // Again, as at every later start: nothing left to do, nothing fails.
        configuration.load().migrate();
    }

    private static void assertPlatformSchema(TestDatabase db) {
        assertThat(db.query("SELECT version, success FROM " + PlatformSchema.HISTORY + " WHERE type = 'SQL' ORDER BY installed_rank"))
                .extracting(row -> row.get("version") + ":" + row.get("success"))
                .containsExactly("1:true", "2:true", "3:true", "4:true");
        List<Map<String, Object>> triggers = db.query("SELECT tgname FROM pg_trigger WHERE tgrelid = 'outbox_event'::regclass"
                + " AND NOT tgisinternal ORDER BY tgname");
        assertThat(triggers).extracting(row -> row.get("tgname")).containsExactly("outbox_event_inserted", "outbox_event_released");
        UUID id = UUID.randomUUID();
        assertThat(db.query("SELECT * FROM uuid_list(?, ?)", id, id)).hasSize(2);
    }

    private static FluentConfiguration flyway(String database, String location) {
        return Flyway.configure().dataSource(jdbcUrl(database), user(), password()).locations("classpath:" + location);
    }

    private static TestDatabase database(String name) {
        return new TestDatabase(jdbcUrl(name));
    }

    private static String jdbcUrl(String database) {
        String url = ConfigProvider.getConfig().getValue("quarkus.datasource.jdbc.url", String.class);
        return url.replaceFirst("/platform(\\?|$)", "/" + database + "$1");
    }

    private static String user() {
        return ConfigProvider.getConfig().getValue("quarkus.datasource.username", String.class);
    }

    private static String password() {
        return ConfigProvider.getConfig().getValue("quarkus.datasource.password", String.class);
    }
}
