package dev.flashsale.stack.internal;

import dev.flashsale.stack.Origin;
import dev.flashsale.stack.Service;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One server of a stack: where it came from, how to reach it, and how to release it.
 *
 * <p>Only {@link Origin#EMBEDDED} servers can be stopped and started again; asking that of another origin fails with
 * a message saying why.
 */
public final class RunningService implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(RunningService.class);

    private final Service service;
    private final Origin origin;
    private final String provenance;
    private final ManagedServer managed;
    private final AutoCloseable resource;

    private RunningService(
            Service service, Origin origin, String provenance, ManagedServer managed, AutoCloseable resource) {
        this.service = Objects.requireNonNull(service, "service");
        this.origin = Objects.requireNonNull(origin, "origin");
        this.provenance = Objects.requireNonNull(provenance, "provenance");
        this.managed = managed;
        this.resource = resource;
    }

    /** A server named by an environment variable; the stack leaves it alone. */
    public static RunningService external(Service service, String variable) {
        return new RunningService(service, Origin.ENVIRONMENT, "named by environment variable " + variable, null, null);
    }

    /** A server the stack started in or beside this JVM. */
    public static RunningService embedded(Service service, ManagedServer server) {
        return new RunningService(service, Origin.EMBEDDED, "embedded", server, server);
    }

    /** A server the stack started as a container. */
    public static RunningService container(Service service, String image, AutoCloseable container) {
        return new RunningService(service, Origin.CONTAINER, "container " + image, null, container);
    }

    public Service service() {
        return service;
    }

    public Origin origin() {
        return origin;
    }

    /**
     * The embedded server, for stop/start.
     *
     * @throws IllegalStateException when the server is not embedded
     */
    public ManagedServer managed() {
        if (managed == null) {
            throw new IllegalStateException("cannot stop or start " + service.displayName() + ": it is "
                    + provenance + ", and only embedded servers (FLASHSALE_STACK=embedded, no FLASHSALE_* variable"
                    + " naming it) can be stopped and started by the local stack");
        }
        return managed;
    }

    /** Releases the server; failures are logged, so that closing a stack always reaches every server. */
    @Override
    public void close() {
        if (resource == null) {
            return;
        }
        try {
            resource.close();
        } catch (Exception e) {
            LOG.warn("Could not stop {} ({})", service.displayName(), provenance, e);
        }
    }

    @Override
    public String toString() {
        return service.displayName() + " (" + provenance + ")";
    }
}
