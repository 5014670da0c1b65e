package dev.flashsale.stack.internal;

import dev.flashsale.stack.Endpoints;
import dev.flashsale.stack.LocalStackException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;

/** Creates databases on the stack's PostgreSQL server, one per test, so tests never see each other's rows. */
public final class Databases {
    private Databases() {}

    /**
     * Creates the database {@code name} and returns its JDBC URL (same server, user and password as
     * {@code endpoints}).
     *
     * @param name a name from {@link UniqueNames#next}; anything else is rejected, since DDL cannot bind identifiers
     */
    public static String create(Endpoints endpoints, String name) {
        if (!UniqueNames.isSafeIdentifier(name)) {
            throw new IllegalArgumentException("database name must match [a-z][a-z0-9_]{0,62}, got '" + name + "'");
        }
        try (Connection connection =
                        DriverManager.getConnection(endpoints.jdbcUrl(), endpoints.dbUser(), endpoints.dbPassword());
                Statement statement = connection.createStatement()) {
            // the name was checked above to be a plain lower-case identifier, so quoting it is enough
            statement.execute("CREATE DATABASE \"" + name + "\"");
        } catch (SQLException e) {
            throw new LocalStackException(
                    "cannot create database " + name + " on " + JdbcUrls.redact(endpoints.jdbcUrl()), e);
        }
        return JdbcUrls.withDatabase(endpoints.jdbcUrl(), name);
    }
}
