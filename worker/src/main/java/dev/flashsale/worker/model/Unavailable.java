package dev.flashsale.worker.model;

import java.util.Objects;

/**
 * A server the decision depends on (PostgreSQL, Redis) could not be used. Nothing was decided for the request at
 * hand; the caller retries the whole poll later. An outage never becomes a result.
 */
public final class Unavailable extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** The resource names used in metrics and logs. */
    public static final String DATABASE = "database";

    public static final String REDIS = "redis";

    private final String resource;

    /**
     * @param resource {@link #DATABASE} or {@link #REDIS}
     * @param what what was being done, naming the item or statement where it helps
     */
    public Unavailable(String resource, String what, Throwable cause) {
        super(resource + " unavailable while " + what + ": " + cause, cause);
        this.resource = Objects.requireNonNull(resource, "resource");
    }

    public String resource() {
        return resource;
    }
}
