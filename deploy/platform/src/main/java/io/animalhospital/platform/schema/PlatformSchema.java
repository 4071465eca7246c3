package io.animalhospital.platform.schema;

import jakarta.inject.Singleton;

import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.callback.Callback;
import org.flywaydb.core.api.callback.Context;
import org.flywaydb.core.api.callback.Event;
import org.flywaydb.core.api.configuration.FluentConfiguration;

import io.quarkus.flyway.FlywayConfigurationCustomizer;

/**
 * The platform's tables (outbox, processed events) migrate with the service's own, in the same Flyway run but
 * with their own location and history table ({@code platform_schema_history}), so the two version lines never
 * collide. They run first, so a service's migrations may refer to them. Their scripts adopt what a service's own
 * migrations created before the platform existed; those applied scripts are no longer in the service
 * ({@code versioned:missing} is tolerated). See docs/decisions/0001-platform-library.md.
 */
@Singleton
public class PlatformSchema implements FlywayConfigurationCustomizer {

    public static final String LOCATION = "classpath:db/platform";
    public static final String HISTORY = "platform_schema_history";

    @Override
    public void customize(FluentConfiguration configuration) {
        configuration.ignoreMigrationPatterns("*:future", "versioned:missing")
                .callbacks(new MigrateFirst());
    }

    /** Migrates the platform's tables on the service's datasource. */
    public static void migrate(javax.sql.DataSource dataSource) {
        Flyway.configure(PlatformSchema.class.getClassLoader())
                .dataSource(dataSource)
                .locations(LOCATION)
                .table(HISTORY)
                // The schema is never empty by then (the service's history table, or today's tables): start the
                // platform's line below its first script, which adopts whatever it finds.
                .baselineOnMigrate(true)
                .baselineVersion("0")
                .load()
                .migrate();
    }

    private static final class MigrateFirst implements Callback {

        @Override
        public boolean supports(Event event, Context context) {
            return event == Event.BEFORE_MIGRATE;
        }

        @Override
        public boolean canHandleInTransaction(Event event, Context context) {
            return true;
        }

        @Override
        public void handle(Event event, Context context) {
            migrate(context.getConfiguration().getDataSource());
        }

        @Override
        public String getCallbackName() {
            return "platform-schema";
        }
    }
}
