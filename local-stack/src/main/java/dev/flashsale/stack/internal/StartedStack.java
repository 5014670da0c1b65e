package dev.flashsale.stack.internal;

import dev.flashsale.stack.Endpoints;
import dev.flashsale.stack.Service;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/** The servers a {@link StackLauncher} started, in start order, and the temporary directory they use. */
public final class StartedStack implements AutoCloseable {
    private final Endpoints endpoints;
    private final List<RunningService> startOrder;
    private final Map<Service, RunningService> byService = new EnumMap<>(Service.class);
    private final Optional<TempDirectory> tempDirectory;

    StartedStack(Endpoints endpoints, List<RunningService> startOrder, Optional<TempDirectory> tempDirectory) {
        this.endpoints = Objects.requireNonNull(endpoints, "endpoints");
        this.startOrder = List.copyOf(startOrder);
        this.tempDirectory = Objects.requireNonNull(tempDirectory, "tempDirectory");
        startOrder.forEach(service -> byService.put(service.service(), service));
        for (Service service : Service.values()) {
            if (!byService.containsKey(service)) {
                throw new IllegalArgumentException("no " + service.displayName() + " in " + startOrder);
            }
        }
    }

    public Endpoints endpoints() {
        return endpoints;
    }

    public RunningService service(Service service) {
        return byService.get(service);
    }

    /** Stops the servers in reverse start order, then deletes the temporary directory. */
    @Override
    public void close() {
        closeAll(startOrder, tempDirectory);
    }

    static void closeAll(List<RunningService> startOrder, Optional<TempDirectory> tempDirectory) {
        List<RunningService> reverse = new ArrayList<>(startOrder);
        Collections.reverse(reverse);
        reverse.forEach(RunningService::close);
        tempDirectory.ifPresent(TempDirectory::close);
    }
}
