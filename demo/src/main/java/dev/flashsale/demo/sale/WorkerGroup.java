package dev.flashsale.demo.sale;

import dev.flashsale.worker.Worker;
import dev.flashsale.worker.config.WorkerConfig;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * Worker instances of one sale running in this process, all in one consumer group, started and stopped together.
 */
public final class WorkerGroup implements AutoCloseable {

    private final List<Worker> workers = new ArrayList<>();

    private WorkerGroup() {}

    /** Starts one worker per config; if one fails to start, those already started are stopped again. */
    public static WorkerGroup start(List<WorkerConfig> configs) {
        WorkerGroup group = new WorkerGroup();
        try {
            for (WorkerConfig config : configs) {
                group.workers.add(Worker.start(config));
            }
        } catch (RuntimeException e) {
            group.close();
            throw e;
        }
        return group;
    }

    /** Whether any worker's consumer thread stopped on a fatal error. */
    public boolean failed() {
        return workers.stream().anyMatch(Worker::failed);
    }

    /** Stops all workers at once (each finishes and commits the poll in hand) and waits for them. */
    @Override
    public void close() {
        List<CompletableFuture<Boolean>> stops = new ArrayList<>();
        for (Worker worker : workers) {
            stops.add(CompletableFuture.supplyAsync(worker::stop));
        }
        stops.forEach(CompletableFuture::join);
        workers.clear();
    }
}
