package dev.flashsale.demo.chaos;

import dev.flashsale.demo.process.WorkerFleet;
import dev.flashsale.demo.process.WorkerProcess;
import dev.flashsale.demo.sale.Fault;
import dev.flashsale.demo.sale.IsolatedSale;
import dev.flashsale.demo.sale.SaleSettings;
import dev.flashsale.demo.sale.Timeline;
import dev.flashsale.sim.Simulation;
import dev.flashsale.sim.kafka.KafkaSettings;
import dev.flashsale.sim.progress.ProgressMode;
import dev.flashsale.sim.report.RunReport;
import dev.flashsale.stack.LocalStack;
import dev.flashsale.worker.config.WorkerConfig;
import dev.flashsale.worker.strategy.StrategyName;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.locks.LockSupport;
import java.util.function.UnaryOperator;

/**
 * Runs one scenario under one strategy: a rate-limited sale on worker processes of their own, faults injected on a
 * schedule while it runs, then the simulator's verification and the timeline of decisions.
 */
public final class ChaosRun {

    /** How the sale and its faults go. */
    public record Plan(
            double ratePerSecond,
            Duration duration,
            Duration firstFault,
            int kills,
            Duration killInterval,
            Duration downtime,
            Duration lockLease,
            Duration warmup,
            List<String> workerJvmOptions,
            Path logDirectory,
            long seed) {}

    private final LocalStack stack;
    private final SaleSettings settings;
    private final Plan plan;
    private final UnaryOperator<WorkerConfig.Builder> tuning;
    private final PrintStream out;

    public ChaosRun(
            LocalStack stack,
            SaleSettings settings,
            Plan plan,
            UnaryOperator<WorkerConfig.Builder> tuning,
            PrintStream out) {
        this.stack = stack;
        this.settings = settings;
        this.plan = plan;
        this.tuning = tuning;
        this.out = out;
    }

    public ChaosResult run(Scenario scenario, StrategyName strategy) {
        int requests = (int) Math.round(plan.ratePerSecond() * plan.duration().toMillis() / 1000.0);
        SaleSettings sale = settings.withRequests(requests);
        UnaryOperator<WorkerConfig.Builder> scenarioTuning = builder -> {
            tuning.apply(builder);
            if (scenario == Scenario.STALL) {
                // A short lease, so that a stall of a few seconds outlives it.
                builder.lockLease(plan.lockLease()).lockWait(plan.lockLease());
            }
            return builder;
        };
        IsolatedSale isolated = new IsolatedSale(
                stack,
                sale,
                ProgressMode.NONE,
                out,
                new dev.flashsale.demo.sale.WorkerRuntime.InProcess(),
                scenarioTuning);
        String runName = scenario.id() + "-" + strategy.id();
        IsolatedSale.Prepared prepared = isolated.prepare(runName, strategy, true);
        KafkaSettings kafka = KafkaSettings.of(stack.endpoints().kafkaBootstrapServers());
        try (WorkerFleet fleet = WorkerFleet.start(
                prepared.workers(),
                new WorkerFleet.Launch(
                        WorkerFleet.WORKER_MAIN,
                        plan.workerJvmOptions(),
                        plan.logDirectory().resolve(prepared.name())))) {
            isolated.awaitSettled(prepared, fleet::anyDied);
            isolated.warmUp(kafka, prepared.topics(), runName, plan.warmup());
            CompletableFuture<Simulation.Outcome> sending = CompletableFuture.supplyAsync(() -> Simulation.run(
                    kafka,
                    prepared.topics(),
                    sale.workload(runName),
                    new Simulation.Settings(plan.ratePerSecond(), sale.resultTimeout(), ProgressMode.NONE, out)));
            long started = System.currentTimeMillis();
            List<Fault> faults = inject(scenario, fleet, started);
            Simulation.Outcome outcome = sending.join();
            RunReport report = isolated.verify(runName, prepared, outcome);
            int launches =
                    fleet.workers().stream().mapToInt(WorkerProcess::launches).sum();
            return new ChaosResult(
                    scenario,
                    strategy,
                    report,
                    Timeline.of(outcome.expectations(), outcome.observations(), faults),
                    launches);
        }
    }

    /** Injects the scenario's faults on its schedule, from {@code startedMs}; returns them in order. */
    private List<Fault> inject(Scenario scenario, WorkerFleet fleet, long startedMs) {
        List<Fault> faults = Collections.synchronizedList(new ArrayList<>());
        Random random = new Random(plan.seed());
        long at = startedMs + plan.firstFault().toMillis();
        switch (scenario) {
            case KILL -> {
                for (int k = 0; k < plan.kills(); k++) {
                    sleepUntil(at);
                    WorkerProcess victim =
                            fleet.worker(random.nextInt(fleet.workers().size()));
                    victim.kill();
                    victim.awaitExit(Duration.ofSeconds(10));
                    faults.add(fault("kill -9 " + slot(victim), true));
                    // The replacement takes the same replica slot: the same worker id, so the same member and
                    // transactional ids.
                    victim.start();
                    at += plan.killInterval().toMillis();
                }
            }
            case POSTGRES_RESTART -> {
                sleepUntil(at);
                faults.add(fault("postgres stopped", true));
                stack.stopPostgres();
                sleepUntil(at + plan.downtime().toMillis());
                stack.startPostgres();
                faults.add(fault("postgres back", false));
            }
            case REDIS_RESTART -> {
                sleepUntil(at);
                faults.add(fault("redis stopped", true));
                stack.stopRedis();
                sleepUntil(at + plan.downtime().toMillis());
                stack.startRedis();
                faults.add(fault("redis back (empty)", false));
            }
            case KAFKA_RESTART -> {
                sleepUntil(at);
                stack.stopKafkaNode(0, true);
                faults.add(fault("kafka killed", true));
                sleepUntil(at + plan.downtime().toMillis());
                stack.startKafkaNode(0);
                faults.add(fault("kafka back", false));
            }
            case STALL -> {
                sleepUntil(at);
                WorkerProcess stalled =
                        fleet.worker(random.nextInt(fleet.workers().size()));
                stalled.suspend();
                faults.add(fault("SIGSTOP " + slot(stalled), true));
                sleepUntil(at + plan.downtime().toMillis());
                stalled.resume();
                faults.add(fault("SIGCONT " + slot(stalled), false));
            }
            case BROKER_KILL -> {
                sleepUntil(at);
                stack.stopKafkaNode(1, true);
                faults.add(fault("kafka node 2 of 3 killed", true));
                sleepUntil(at + plan.downtime().toMillis());
                stack.startKafkaNode(1);
                faults.add(fault("kafka node 2 back", false));
            }
        }
        return faults;
    }

    /** A worker's replica slot ({@code w2}), the part of its name that tells it from the others of the sale. */
    private static String slot(WorkerProcess worker) {
        String name = worker.name();
        return name.substring(name.lastIndexOf('-') + 1);
    }

    private Fault fault(String label, boolean start) {
        Fault fault = new Fault(System.currentTimeMillis(), label, start);
        out.printf(Locale.ROOT, "  %tT.%<tL  %s%n", fault.atMs(), label);
        return fault;
    }

    private static void sleepUntil(long epochMs) {
        long now;
        while ((now = System.currentTimeMillis()) < epochMs) {
            LockSupport.parkNanos((epochMs - now) * 1_000_000);
        }
    }
}
