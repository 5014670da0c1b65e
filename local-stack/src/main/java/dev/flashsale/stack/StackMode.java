package dev.flashsale.stack;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * How a {@link LocalStack} provides the servers that no {@code FLASHSALE_*} environment variable names.
 *
 * <p>Chosen by the system property {@value #PROPERTY} or, when that is absent, the environment variable
 * {@value #ENV}; {@link #EMBEDDED} when neither is set.
 */
public enum StackMode {
    /**
     * Start the servers inside or beside this JVM from Maven Central artifacts: a KRaft Kafka broker in-process,
     * PostgreSQL and Redis as child processes. Needs no Docker and starts in seconds.
     */
    EMBEDDED,
    /**
     * Start the servers as Docker containers with Testcontainers. Needs a reachable Docker engine; fails at start
     * with a clear message when there is none.
     */
    CONTAINERS;

    /** System property that selects the mode; wins over {@link #ENV}. */
    public static final String PROPERTY = "flashsale.stack";

    /** Environment variable that selects the mode. */
    public static final String ENV = "FLASHSALE_STACK";

    /** The mode chosen by {@value #PROPERTY} or {@value #ENV}, {@link #EMBEDDED} by default. */
    public static StackMode fromEnvironment() {
        return select(Optional.ofNullable(System.getProperty(PROPERTY)), Optional.ofNullable(System.getenv(ENV)));
    }

    static StackMode select(Optional<String> property, Optional<String> environment) {
        Optional<String> fromProperty = property.filter(value -> !value.isBlank());
        if (fromProperty.isPresent()) {
            return parse(fromProperty.get(), "system property " + PROPERTY);
        }
        return environment
                .filter(value -> !value.isBlank())
                .map(value -> parse(value, "environment variable " + ENV))
                .orElse(EMBEDDED);
    }

    /**
     * Parses a mode name, ignoring case.
     *
     * @param value the name, e.g. {@code containers}
     * @param source where the value came from, used in the error message
     * @throws IllegalArgumentException naming the source, the bad value and the valid ones
     */
    public static StackMode parse(String value, String source) {
        String wanted = value.trim().toUpperCase(Locale.ROOT);
        return Arrays.stream(values())
                .filter(mode -> mode.name().equals(wanted))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException(
                        source + " must be one of " + validNames() + ", got '" + value + "'"));
    }

    private static String validNames() {
        return Arrays.stream(values())
                .map(mode -> mode.name().toLowerCase(Locale.ROOT))
                .collect(Collectors.joining(", ", "[", "]"));
    }
}
