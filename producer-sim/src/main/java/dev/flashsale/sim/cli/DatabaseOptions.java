package dev.flashsale.sim.cli;

import dev.flashsale.schema.Migrations;
import org.jooq.CloseableDSLContext;
import org.jooq.impl.DSL;
import picocli.CommandLine.Option;

/** Where PostgreSQL is; the password comes from {@code FLASHSALE_DB_PASSWORD} only. */
public final class DatabaseOptions {

    static final String PASSWORD_VARIABLE = "FLASHSALE_DB_PASSWORD";

    @Option(
            names = "--db-url",
            defaultValue = "${env:FLASHSALE_DB_URL:-jdbc:postgresql://localhost:5432/flashsale}",
            description = "PostgreSQL JDBC URL (FLASHSALE_DB_URL). Default: ${DEFAULT-VALUE}.")
    String url;

    @Option(
            names = "--db-user",
            defaultValue = "${env:FLASHSALE_DB_USER:-flashsale}",
            description = "PostgreSQL user (FLASHSALE_DB_USER); the password is read from "
                    + PASSWORD_VARIABLE
                    + ". Default: ${DEFAULT-VALUE}.")
    String user;

    String password() {
        String password = System.getenv(PASSWORD_VARIABLE);
        return password == null ? "" : password;
    }

    void validate() {
        if (url == null || !url.startsWith("jdbc:postgresql:")) {
            throw new IllegalArgumentException(
                    "--db-url must be a PostgreSQL JDBC URL (jdbc:postgresql://...), got '" + url + "'");
        }
        if (user == null || user.isBlank()) {
            throw new IllegalArgumentException("--db-user must not be empty, got '" + user + "'");
        }
    }

    /** Brings the schema up to date; applying nothing when it already is. */
    void migrate() {
        Migrations.migrate(url, user, password());
    }

    /** One connection, closed with the context. */
    CloseableDSLContext open() {
        validate();
        return DSL.using(url, user, password());
    }
}
