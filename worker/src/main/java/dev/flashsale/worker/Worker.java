package dev.flashsale.worker;

import dev.flashsale.worker.config.WorkerConfig;
import dev.flashsale.worker.http.HealthServer;
import dev.flashsale.worker.kafka.PurchaseLoop;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A running worker process: one thread per consume loop, the HTTP endpoints, and the lifecycle around them. What the
 * loops are made of comes from a {@link WorkerModule}; this class only starts, watches and stops them.
 */
public final class Worker implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(Worker.class);

    private final WorkerModule module;
    private final WorkerConfig config;
    private final List<PurchaseLoop> loops;
    private final List<ReadinessCheck> readinessChecks;
    private final List<Thread> threads = new ArrayList<>();
    private HealthServer http;
    private boolean stopped;
    /** What {@link #notReadyBecause()} last found, to log only the changes. */
    private volatile List<String> lastProblems = List.of();

    private Worker(WorkerModule module) {
        this.module = module;
        this.config = module.config();
        this.loops = module.purchaseLoops();
        this.readinessChecks = module.readinessChecks();
    }

    /** Builds a worker from {@code config} with the standard wiring and starts its consumer threads. */
    public static Worker start(WorkerConfig config) {
        return start(new WorkerModule(config));
    }

    /** Starts the consumer threads of the worker {@code module} wires; stopping the worker closes the module. */
    public static Worker start(WorkerModule module) {
        Worker worker;
        try {
            worker = new Worker(module);
            worker.startHttp();
            worker.startLoops();
        } catch (RuntimeException e) {
            module.close();
            throw e;
        }
        WorkerConfig config = module.config();
        log.info(
                "worker {} started: strategy {}, {} consumers on {}, group {}{}",
                config.workerId(),
                config.strategy(),
                config.consumers(),
                config.requestsTopic(),
                config.groupId(),
                worker.http == null ? "" : ", http port " + worker.http.port());
        return worker;
    }

    private void startHttp() {
        if (config.httpPort() >= 0) {
            PrometheusMeterRegistry registry = module.registry();
            http = new HealthServer(config.httpPort(), registry::scrape, this::notReadyBecause);
        }
    }

    private void startLoops() {
        for (PurchaseLoop loop : loops) {
            Thread thread = new Thread(loop, "flashsale-" + loop.name());
            threads.add(thread);
            thread.start();
        }
    }

    public WorkerConfig config() {
        return config;
    }

    /** The bound HTTP port, or -1 when the server is disabled. */
    public int httpPort() {
        return http == null ? -1 : http.port();
    }

    public PrometheusMeterRegistry registry() {
        return module.registry();
    }

    /** True while every consumer thread consumes and every server the decisions depend on answers. */
    public boolean ready() {
        return notReadyBecause().isEmpty();
    }

    /**
     * Why the worker is not ready, one line per consumer thread that is not consuming and per server that does not
     * answer (with its error); empty when it is ready. A change is logged, so the cause outlives the probe.
     */
    public List<String> notReadyBecause() {
        List<String> problems = new ArrayList<>();
        for (PurchaseLoop loop : loops) {
            if (loop.state() != PurchaseLoop.State.CONSUMING) {
                problems.add(
                        "consumer " + loop.name() + " is " + loop.state().name().toLowerCase(Locale.ROOT));
            }
        }
        readinessChecks.stream()
                .map(ReadinessCheck::problem)
                .flatMap(Optional::stream)
                .forEach(problems::add);
        List<String> found = List.copyOf(problems);
        if (!Objects.equals(found, lastProblems)) {
            lastProblems = found;
            if (found.isEmpty()) {
                log.info("ready");
            } else {
                log.warn("not ready: {}", String.join("; ", found));
            }
        }
        return found;
    }

    /** Partitions of the requests topic currently assigned to this process's consumers. */
    public int assignedPartitions() {
        return loops.stream().mapToInt(PurchaseLoop::assignedPartitions).sum();
    }

    /** Whether any consumer thread stopped on a fatal error. */
    public boolean failed() {
        return loops.stream().anyMatch(loop -> loop.state() == PurchaseLoop.State.FAILED);
    }

    /**
     * Stops polling, lets each thread commit the work in hand, then closes everything in reverse order of creation.
     * Returns whether the threads stopped within the configured shutdown timeout.
     */
    public synchronized boolean stop() {
        if (stopped) {
            return true;
        }
        stopped = true;
        log.info("worker {} stopping", config.workerId());
        loops.forEach(PurchaseLoop::stop);
        long deadline = System.nanoTime() + config.shutdownTimeout().toNanos();
        boolean clean = true;
        for (PurchaseLoop loop : loops) {
            try {
                Duration left = Duration.ofNanos(Math.max(0, deadline - System.nanoTime()));
                clean &= loop.awaitStop(left);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                clean = false;
                break;
            }
        }
        if (!clean) {
            log.warn("worker {}: consumer threads did not stop within {}", config.workerId(), config.shutdownTimeout());
        }
        if (http != null) {
            http.close();
        }
        module.close();
        log.info("worker {} stopped", config.workerId());
        return clean;
    }

    @Override
    public void close() {
        stop();
    }
}
