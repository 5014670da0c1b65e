package dev.flashsale.stack;

/** Where a {@link LocalStack} got one of its servers from. */
public enum Origin {
    /**
     * A server named by a {@code FLASHSALE_*} environment variable; the stack neither starts nor stops it.
     */
    ENVIRONMENT,
    /** Started by the stack in or beside this JVM; the only origin that supports stop/start for fault injection. */
    EMBEDDED,
    /** Started by the stack as a Docker container through Testcontainers. */
    CONTAINER
}
