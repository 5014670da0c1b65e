package dev.flashsale.stack.internal;

import dev.flashsale.stack.StackMode;
import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Properties;

/**
 * What the environment asks of the local stack, parsed and validated once: which servers are named by
 * {@code FLASHSALE_*} variables and how to provide the others.
 *
 * <p>Each service is decided on its own: a set variable wins for that service only. Blank values count as unset.
 *
 * @param mode how to provide the servers no variable names
 * @param kafkaBootstrapServers from {@value #KAFKA_BOOTSTRAP_SERVERS}
 * @param database from {@value #DB_URL}, {@value #DB_USER} and {@value #DB_PASSWORD}
 * @param redisUrl from {@value #REDIS_URL}
 * @param cacheDirectory where extracted server binaries are kept between runs: system property {@value
 *     #CACHE_DIR_PROPERTY}, else {@value #CACHE_DIR}, else {@code ~/.cache/flashsale}
 */
public record StackSettings(
        StackMode mode,
        Optional<String> kafkaBootstrapServers,
        Optional<ExternalDatabase> database,
        Optional<String> redisUrl,
        Path cacheDirectory) {

    public static final String KAFKA_BOOTSTRAP_SERVERS = "FLASHSALE_KAFKA_BOOTSTRAP_SERVERS";
    public static final String DB_URL = "FLASHSALE_DB_URL";
    public static final String DB_USER = "FLASHSALE_DB_USER";
    public static final String DB_PASSWORD = "FLASHSALE_DB_PASSWORD";
    public static final String REDIS_URL = "FLASHSALE_REDIS_URL";
    public static final String CACHE_DIR = "FLASHSALE_STACK_CACHE_DIR";
    public static final String CACHE_DIR_PROPERTY = "flashsale.stack.cache-dir";

    private static final String JDBC_POSTGRES_PREFIX = "jdbc:postgresql://";

    public StackSettings {
        Objects.requireNonNull(mode, "mode");
        Objects.requireNonNull(kafkaBootstrapServers, "kafkaBootstrapServers");
        Objects.requireNonNull(database, "database");
        Objects.requireNonNull(redisUrl, "redisUrl");
        Objects.requireNonNull(cacheDirectory, "cacheDirectory");
    }

    /** Reads the process environment and system properties. */
    public static StackSettings fromEnvironment(StackMode mode) {
        return parse(mode, System.getenv(), System.getProperties());
    }

    /**
     * Parses the given variables and system properties.
     *
     * @throws IllegalArgumentException naming the variable and the bad value (never a password)
     */
    public static StackSettings parse(StackMode mode, Map<String, String> env, Properties systemProperties) {
        Optional<String> kafka = value(env, KAFKA_BOOTSTRAP_SERVERS);
        Optional<String> redis = value(env, REDIS_URL);
        redis.ifPresent(url -> {
            if (!url.startsWith("redis://") && !url.startsWith("rediss://")) {
                throw new IllegalArgumentException(
                        REDIS_URL + " must start with redis:// or rediss://, got '" + url + "'");
            }
        });
        return new StackSettings(mode, kafka, database(env), redis, cacheDirectory(env, systemProperties));
    }

    private static Path cacheDirectory(Map<String, String> env, Properties systemProperties) {
        return Optional.ofNullable(systemProperties.getProperty(CACHE_DIR_PROPERTY))
                .map(String::trim)
                .filter(v -> !v.isEmpty())
                .or(() -> value(env, CACHE_DIR))
                .map(Path::of)
                .orElseGet(() -> Path.of(systemProperties.getProperty("user.home"), ".cache", "flashsale"));
    }

    private static Optional<ExternalDatabase> database(Map<String, String> env) {
        Optional<String> url = value(env, DB_URL);
        Optional<String> user = value(env, DB_USER);
        Optional<String> password = value(env, DB_PASSWORD);
        if (url.isEmpty()) {
            if (user.isPresent() || password.isPresent()) {
                throw new IllegalArgumentException(DB_USER + "/" + DB_PASSWORD + " are set but " + DB_URL
                        + " is not; set " + DB_URL + " as well, or unset them to use an embedded server");
            }
            return Optional.empty();
        }
        String jdbcUrl = url.get();
        if (!jdbcUrl.startsWith(JDBC_POSTGRES_PREFIX)) {
            throw new IllegalArgumentException(
                    DB_URL + " must start with " + JDBC_POSTGRES_PREFIX + ", got '" + JdbcUrls.redact(jdbcUrl) + "'");
        }
        String dbUser = user.orElseThrow(
                () -> new IllegalArgumentException(DB_USER + " must be set when " + DB_URL + " is set"));
        return Optional.of(new ExternalDatabase(jdbcUrl, dbUser, password.orElse("")));
    }

    private static Optional<String> value(Map<String, String> env, String name) {
        return Optional.ofNullable(env.get(name)).map(String::trim).filter(v -> !v.isEmpty());
    }

    /** A PostgreSQL server named by the environment. */
    public record ExternalDatabase(String jdbcUrl, String user, String password) {
        public ExternalDatabase {
            Objects.requireNonNull(jdbcUrl, "jdbcUrl");
            Objects.requireNonNull(user, "user");
            Objects.requireNonNull(password, "password");
        }

        @Override
        public String toString() {
            return "ExternalDatabase[jdbcUrl=" + JdbcUrls.redact(jdbcUrl) + ", user=" + user + ", password=******]";
        }
    }
}
