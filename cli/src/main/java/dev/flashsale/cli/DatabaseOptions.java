package dev.flashsale.cli;

import java.util.Objects;
import picocli.CommandLine.Option;

/** Where PostgreSQL is; the password comes from {@value #PASSWORD_VARIABLE} only, never from a flag. */
public final class DatabaseOptions {

    public static final String PASSWORD_VARIABLE = "FLASHSALE_DB_PASSWORD";
    public static final String DEFAULT_URL = "jdbc:postgresql://localhost:5432/flashsale";
    public static final String DEFAULT_USER = "flashsale";

    @Option(
            names = "--db-url",
            defaultValue = "${env:FLASHSALE_DB_URL:-" + DEFAULT_URL + "}",
            description = "PostgreSQL JDBC URL (FLASHSALE_DB_URL). Default: ${DEFAULT-VALUE}.")
    String url;

    @Option(
            names = "--db-user",
            defaultValue = "${env:FLASHSALE_DB_USER:-" + DEFAULT_USER + "}",
            description = "PostgreSQL user (FLASHSALE_DB_USER); the password is read from " + PASSWORD_VARIABLE
                    + ". Default: ${DEFAULT-VALUE}.")
    String user;

    public String url() {
        return url;
    }

    public String user() {
        return user;
    }

    /** The password from the environment; empty when none is set. */
    public String password() {
        return Objects.requireNonNullElse(System.getenv(PASSWORD_VARIABLE), "");
    }

    /**
     * @throws IllegalArgumentException naming the option and the value when the URL is not PostgreSQL's or the user
     *     is empty
     */
    public void validate() {
        if (url == null || !url.startsWith("jdbc:postgresql:")) {
            throw new IllegalArgumentException(
                    "--db-url must be a PostgreSQL JDBC URL (jdbc:postgresql://...), got '" + url + "'");
        }
        if (user == null || user.isBlank()) {
            throw new IllegalArgumentException("--db-user must not be empty, got '" + user + "'");
        }
    }
}
