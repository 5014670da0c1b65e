package dev.flashsale.schema;

import java.util.Objects;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.configuration.FluentConfiguration;
import org.flywaydb.core.api.output.MigrateResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Brings a PostgreSQL schema up to date with the Flyway migrations shipped in this module ({@value
 * #LOCATION}).
 *
 * <p>Which schema is migrated:
 *
 * <ul>
 *   <li>{@link #migrate(DataSource)} and {@link #migrate(String, String, String)} use the
 *       connection's current schema, as Flyway does by default. With the PostgreSQL driver that is
 *       the first schema of the {@code search_path}, which a {@code currentSchema=name} JDBC URL
 *       parameter sets; Flyway creates that schema if it does not exist yet ({@code MigrationsIT}
 *       checks both).
 *   <li>{@link #migrate(DataSource, String)} names the schema explicitly, creates it if needed and
 *       makes it Flyway's default schema, so the migration's unqualified tables and the history
 *       table land there whatever the connection's {@code search_path}. Tests that isolate
 *       themselves by schema should use this one.
 * </ul>
 *
 * <p>Migrating an up-to-date schema applies nothing, so every process may call this at start-up.
 * Failures surface as Flyway's {@code FlywayException}, which names the migration that failed.
 */
public final class Migrations {

    /** Where the SQL migrations live on the classpath. */
    public static final String LOCATION = "classpath:db/migration";

    private static final Logger log = LoggerFactory.getLogger(Migrations.class);

    private Migrations() {}

    /** Migrates the connection's current schema. */
    public static MigrateResult migrate(DataSource dataSource) {
        Objects.requireNonNull(dataSource, "dataSource");
        return run(configure().dataSource(dataSource));
    }

    /** Migrates {@code schema}, creating it first if it does not exist. */
    public static MigrateResult migrate(DataSource dataSource, String schema) {
        Objects.requireNonNull(dataSource, "dataSource");
        if (schema == null || schema.isBlank()) {
            throw new IllegalArgumentException("schema must not be blank, got '" + schema + "'");
        }
        return run(configure()
                .dataSource(dataSource)
                .schemas(schema)
                .defaultSchema(schema)
                .createSchemas(true));
    }

    /**
     * Migrates the current schema of a database given by URL. The PostgreSQL JDBC driver must be on
     * the classpath (this module does not bring it).
     */
    public static MigrateResult migrate(String jdbcUrl, String user, String password) {
        Objects.requireNonNull(jdbcUrl, "jdbcUrl");
        return run(configure().dataSource(jdbcUrl, user, password));
    }

    private static FluentConfiguration configure() {
        return Flyway.configure(Migrations.class.getClassLoader())
                .locations(LOCATION)
                .failOnMissingLocations(true)
                .validateMigrationNaming(true);
    }

    private static MigrateResult run(FluentConfiguration configuration) {
        MigrateResult result = configuration.load().migrate();
        // Flyway logs each applied migration itself; this line only ties the outcome to our caller.
        log.debug(
                "Database schema {} migrated from version {} to {} ({} migration(s) applied)",
                result.schemaName,
                result.initialSchemaVersion,
                result.targetSchemaVersion,
                result.migrationsExecuted);
        return result;
    }
}
