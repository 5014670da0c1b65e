package dev.flashsale.demo.sale;

import dev.flashsale.demo.process.WorkerFleet;
import dev.flashsale.stack.FreePorts;
import dev.flashsale.worker.config.WorkerConfig;
import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.function.BooleanSupplier;

/**
 * How a sale's workers run: in this JVM (the demo: quick to start, nothing to clean up) or as JVMs of their own (the
 * benchmark: a heap limit per worker, CPU per process).
 */
public sealed interface WorkerRuntime {

    /** Starts one worker per config; with {@code kafkaOnly}, workers that answer without deciding (a ceiling). */
    Running start(List<WorkerConfig> configs, boolean kafkaOnly);

    /** Started workers. */
    interface Running extends AutoCloseable {
        /** Whether a worker failed or died. */
        BooleanSupplier failed();

        /** Process ids of forked workers; empty for workers in this JVM. */
        List<Long> pids();

        /** The workers' {@code /metrics} endpoints; empty when they serve none. */
        List<URI> metricsEndpoints();

        /** Stops every worker; each commits the work in hand first. */
        @Override
        void close();
    }

    /** Workers in this JVM. */
    record InProcess() implements WorkerRuntime {
        @Override
        public Running start(List<WorkerConfig> configs, boolean kafkaOnly) {
            if (kafkaOnly) {
                throw new IllegalArgumentException("the Kafka ceiling runs forked workers only");
            }
            WorkerGroup group = WorkerGroup.start(configs);
            return new Running() {
                @Override
                public BooleanSupplier failed() {
                    return group::failed;
                }

                @Override
                public List<Long> pids() {
                    return List.of();
                }

                @Override
                public List<URI> metricsEndpoints() {
                    return List.of();
                }

                @Override
                public void close() {
                    group.close();
                }
            };
        }
    }

    /**
     * Workers as JVMs of their own.
     *
     * @param jvmOptions such as {@code -Xmx256m}
     * @param kafkaOnlyMain the entry point of a worker that answers every request without a database
     * @param logDirectory where each run's worker logs go
     */
    record Forked(List<String> jvmOptions, String kafkaOnlyMain, Path logDirectory) implements WorkerRuntime {
        @Override
        public Running start(List<WorkerConfig> configs, boolean kafkaOnly) {
            String name = configs.get(0).groupId();
            // Each forked worker serves /metrics on a port of its own, so the run can look inside it.
            List<WorkerConfig> served = configs.stream()
                    .map(config -> config.toBuilder().httpPort(FreePorts.next()).build())
                    .toList();
            List<URI> endpoints = served.stream()
                    .map(config -> URI.create("http://127.0.0.1:" + config.httpPort() + "/metrics"))
                    .toList();
            WorkerFleet fleet = WorkerFleet.start(
                    served,
                    new WorkerFleet.Launch(
                            kafkaOnly ? kafkaOnlyMain : WorkerFleet.WORKER_MAIN,
                            jvmOptions,
                            logDirectory.resolve(name)));
            return new Running() {
                @Override
                public BooleanSupplier failed() {
                    return fleet::anyDied;
                }

                @Override
                public List<Long> pids() {
                    return fleet.pids();
                }

                @Override
                public List<URI> metricsEndpoints() {
                    return endpoints;
                }

                @Override
                public void close() {
                    fleet.close();
                }
            };
        }
    }
}
