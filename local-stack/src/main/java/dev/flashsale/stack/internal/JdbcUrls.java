package dev.flashsale.stack.internal;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Small, pure helpers for PostgreSQL JDBC URLs of the form {@code jdbc:postgresql://hosts/database?params}. */
public final class JdbcUrls {
    // host part, optional "/database", optional "?params"
    private static final Pattern URL = Pattern.compile("^(jdbc:postgresql://[^/?]*)(?:/([^?]*))?(\\?.*)?$");
    private static final Pattern PASSWORD_PARAM = Pattern.compile("(?i)(password=)[^&]*");

    private JdbcUrls() {}

    /** A JDBC URL for a server on {@code host:port} and the given database. */
    public static String of(String host, int port, String database) {
        return "jdbc:postgresql://" + host + ":" + port + "/" + database;
    }

    /**
     * The same URL (host, port and parameters) with the database replaced.
     *
     * @throws IllegalArgumentException when the URL is not a {@code jdbc:postgresql://} URL
     */
    public static String withDatabase(String jdbcUrl, String database) {
        Matcher matcher = URL.matcher(jdbcUrl);
        if (!matcher.matches()) {
            throw new IllegalArgumentException("not a PostgreSQL JDBC URL: '" + redact(jdbcUrl) + "'");
        }
        String params = matcher.group(3) == null ? "" : matcher.group(3);
        return matcher.group(1) + "/" + database + params;
    }

    /** The URL with any {@code password=} parameter masked, for messages and logs. */
    public static String redact(String jdbcUrl) {
        return PASSWORD_PARAM.matcher(jdbcUrl).replaceAll("$1******");
    }
}
