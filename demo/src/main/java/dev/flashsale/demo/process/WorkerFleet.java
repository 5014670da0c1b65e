package dev.flashsale.demo.process;

import dev.flashsale.worker.config.WorkerConfig;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Worker processes of one sale, each a JVM of its own started with the worker's command line: what the benchmark
 * measures (a heap limit per worker, CPU per process) and what the chaos command kills, pauses and replaces.
 */
public final class WorkerFleet implements AutoCloseable {

    /** The worker's command line entry point. */
    public static final String WORKER_MAIN = "dev.flashsale.worker.WorkerCommand";

    /** How long a worker may take to stop after SIGTERM before it is killed. */
    static final Duration STOP_GRACE = Duration.ofSeconds(40);

    private final List<WorkerProcess> workers;

    private WorkerFleet(List<WorkerProcess> workers) {
        this.workers = List.copyOf(workers);
    }

    /**
     * How forked workers are started.
     *
     * @param mainClass the entry point, {@link #WORKER_MAIN} or a variant with the same command line
     * @param jvmOptions such as {@code -Xmx256m}
     * @param logDirectory where each worker's log (and extra client settings) go
     */
    public record Launch(String mainClass, List<String> jvmOptions, Path logDirectory) {
        public Launch {
            Objects.requireNonNull(mainClass, "mainClass");
            jvmOptions = List.copyOf(jvmOptions);
            Objects.requireNonNull(logDirectory, "logDirectory");
        }
    }

    /** Starts one process per config and returns at once; the group settles later. */
    public static WorkerFleet start(List<WorkerConfig> configs, Launch launch) {
        List<WorkerProcess> workers = new ArrayList<>();
        for (WorkerConfig config : configs) {
            workers.add(process(config, launch));
        }
        WorkerFleet fleet = new WorkerFleet(workers);
        try {
            workers.forEach(WorkerProcess::start);
        } catch (RuntimeException e) {
            fleet.close();
            throw e;
        }
        return fleet;
    }

    private static WorkerProcess process(WorkerConfig config, Launch launch) {
        String name = config.workerId();
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(launch.jvmOptions());
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(launch.mainClass());
        command.addAll(WorkerArgs.of(config, launch.logDirectory().resolve(name + ".kafka.properties")));
        Map<String, String> environment = new HashMap<>();
        environment.put("FLASHSALE_DB_PASSWORD", config.dbPassword());
        if (config.redisPassword() != null) {
            environment.put("FLASHSALE_REDIS_PASSWORD", config.redisPassword());
        }
        return new WorkerProcess(
                name, command, environment, launch.logDirectory().resolve(name + ".log"));
    }

    public List<WorkerProcess> workers() {
        return workers;
    }

    public WorkerProcess worker(int index) {
        return workers.get(index);
    }

    /** Process ids of the workers that run now. */
    public List<Long> pids() {
        return workers.stream()
                .filter(WorkerProcess::alive)
                .map(WorkerProcess::pid)
                .toList();
    }

    /** Whether a worker ended on its own (a fatal error, an out-of-memory error), not by {@link #close()}. */
    public boolean anyDied() {
        return workers.stream().anyMatch(worker -> !worker.alive() && worker.exitStatus() > 0);
    }

    /** SIGTERM to every worker at once; each finishes and commits the work in hand. Kills those that hang. */
    @Override
    public void close() {
        workers.forEach(WorkerProcess::terminate);
        for (WorkerProcess worker : workers) {
            if (!worker.awaitExit(STOP_GRACE)) {
                worker.kill();
                worker.awaitExit(STOP_GRACE);
            }
        }
    }
}
