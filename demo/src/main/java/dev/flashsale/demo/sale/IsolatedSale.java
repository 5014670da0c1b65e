package dev.flashsale.demo.sale;

import dev.flashsale.demo.process.CpuMeter;
import dev.flashsale.demo.process.GroupWatch;
import dev.flashsale.demo.process.MetricsScrape;
import dev.flashsale.schema.Migrations;
import dev.flashsale.sim.Seeder;
import dev.flashsale.sim.Simulation;
import dev.flashsale.sim.Verifier;
import dev.flashsale.sim.kafka.KafkaSettings;
import dev.flashsale.sim.kafka.SaleTopics;
import dev.flashsale.sim.progress.ProgressMode;
import dev.flashsale.sim.report.RunReport;
import dev.flashsale.sim.verify.Verification;
import dev.flashsale.sim.workload.ItemCatalog;
import dev.flashsale.sim.workload.KeyMode;
import dev.flashsale.sim.workload.Popularity;
import dev.flashsale.sim.workload.QuantityRange;
import dev.flashsale.sim.workload.Workload;
import dev.flashsale.stack.Endpoints;
import dev.flashsale.stack.LocalStack;
import dev.flashsale.worker.config.GroupProtocol;
import dev.flashsale.worker.config.WorkerConfig;
import dev.flashsale.worker.strategy.StrategyName;
import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalLong;
import java.util.function.UnaryOperator;
import org.jooq.CloseableDSLContext;
import org.jooq.impl.DSL;

/**
 * Runs the sale under one strategy on a stack, isolated from every other run: its own topics, consumer group,
 * database and Redis lock-key prefix, and its own worker instances. The workers start, the group settles, and only
 * then does the simulator send, so the numbers measure deciding and not start-up.
 */
public final class IsolatedSale {

    /** The embedded workers serve no HTTP; every other setting is the worker's default, except the poll timeout. */
    private static final int NO_HTTP = -1;

    /**
     * Shorter than the worker's default: while the consumer group forms, each member rejoins on its next poll, so the
     * group settles sooner. Under load a poll returns as soon as records are there, so the sale itself is unchanged.
     */
    private static final Duration POLL_TIMEOUT = Duration.ofMillis(100);

    /**
     * Members of a forming group of the classic protocol learn that it rebalances from their next heartbeat, every 3 s
     * by default, which made each strategy's start-up take several seconds. A shorter interval only makes that news
     * travel faster; the producers ignore the setting.
     */
    private static final Map<String, String> KAFKA_OVERRIDES = Map.of("heartbeat.interval.ms", "250");

    private static final Duration GROUP_SETTLE_TIMEOUT = Duration.ofSeconds(90);
    private static final Duration WORKER_SHUTDOWN_TIMEOUT = Duration.ofSeconds(30);

    /**
     * The items a run's own warm-up asks for, never the sale's: {@code warmup-1} has plenty of stock, {@code
     * warmup-2} none, so that selling and refusing are both compiled before the measurement.
     */
    static final ItemCatalog WARMUP_CATALOG = new ItemCatalog("warmup", 2);

    /** Requests per warm-up round; rounds go on until the plan's warm-up time has passed. */
    static final int WARMUP_ROUND = 2_000;

    private static final int WARMUP_STOCK = 1_000_000;

    private final LocalStack stack;
    private final SaleSettings settings;
    private final ProgressMode progress;
    private final PrintStream out;
    private final WorkerRuntime runtime;
    private final UnaryOperator<WorkerConfig.Builder> tuning;
    private final CpuMeter cpu;

    /** A sale whose workers run in this JVM. */
    public IsolatedSale(LocalStack stack, SaleSettings settings, ProgressMode progress, PrintStream out) {
        this(stack, settings, progress, out, new WorkerRuntime.InProcess(), UnaryOperator.identity());
    }

    /**
     * @param runtime how the workers run
     * @param tuning worker settings to change from their defaults (the benchmark's {@code --commit-interval}, say)
     */
    public IsolatedSale(
            LocalStack stack,
            SaleSettings settings,
            ProgressMode progress,
            PrintStream out,
            WorkerRuntime runtime,
            UnaryOperator<WorkerConfig.Builder> tuning) {
        this.stack = Objects.requireNonNull(stack, "stack");
        this.settings = Objects.requireNonNull(settings, "settings");
        this.progress = Objects.requireNonNull(progress, "progress");
        this.out = Objects.requireNonNull(out, "out");
        this.runtime = Objects.requireNonNull(runtime, "runtime");
        this.tuning = Objects.requireNonNull(tuning, "tuning");
        Endpoints endpoints = stack.endpoints();
        this.cpu = new CpuMeter(
                endpoints.jdbcUrl(),
                endpoints.redisUrl(),
                () -> stack.kafkaNodePids().stream()
                        .filter(OptionalLong::isPresent)
                        .map(OptionalLong::getAsLong)
                        .toList());
    }

    public SaleSettings settings() {
        return settings;
    }

    /** A fresh database on the stack, migrated and seeded with the sale's items; returns its JDBC URL. */
    public String freshDatabase(String name) {
        return freshDatabase(name, false);
    }

    private String freshDatabase(String name, boolean warmupItems) {
        Endpoints endpoints = stack.endpoints();
        String jdbcUrl = stack.newDatabase(name);
        Migrations.migrate(jdbcUrl, endpoints.dbUser(), endpoints.dbPassword());
        try (CloseableDSLContext dsl = DSL.using(jdbcUrl, endpoints.dbUser(), endpoints.dbPassword())) {
            Seeder.seed(dsl, new Seeder.Spec(settings.catalog(), settings.stock(), settings.perUserLimit(), false));
            if (warmupItems) {
                Seeder.seed(dsl, new Seeder.Spec(WARMUP_CATALOG, WARMUP_STOCK, null, false));
                dsl.execute(
                        "UPDATE items SET stock = 0, initial_stock = 0 WHERE item_id = ?", WARMUP_CATALOG.itemId(1));
            }
        }
        return jdbcUrl;
    }

    /** The strategy's run of the sale, as fast as the workers answer. */
    public StrategyRun run(StrategyName strategy) {
        return run(RunPlan.peak(strategy, settings.requests()));
    }

    /**
     * A sale ready to run: its own topics, consumer group and database (seeded, with warm-up items when asked), and
     * the configs of its workers.
     *
     * @param name the unique name its topics, group, database and lock keys are made from
     * @param topics the sale's topics
     * @param jdbcUrl its database
     * @param groupId its consumer group
     * @param workers one config per worker
     */
    public record Prepared(
            String name, SaleTopics topics, String jdbcUrl, String groupId, List<WorkerConfig> workers) {}

    /**
     * Creates a sale's topics and database and the configs of its workers, deciding with {@code strategy} (null: the
     * workers decide nothing, the Kafka ceiling).
     */
    public Prepared prepare(String runName, StrategyName strategy, boolean warmupItems) {
        Endpoints endpoints = stack.endpoints();
        String name = LocalStack.uniqueName("sale-" + runName);
        SaleTopics topics = SaleTopics.named(name);
        stack.createTopic(topics.requests(), settings.partitions());
        stack.createTopic(topics.results(), settings.partitions());
        stack.createTopic(topics.deadLetters(), 1);
        String jdbcUrl = freshDatabase(name, warmupItems);
        String groupId = name + ".workers";
        // The Kafka-only workers still need a valid config; the strategy named there decides nothing.
        StrategyName configured = strategy == null ? StrategyName.ATOMIC : strategy;
        List<WorkerConfig> configs = new ArrayList<>();
        for (int w = 1; w <= settings.workers(); w++) {
            configs.add(workerConfig(endpoints, configured, topics, groupId, name + "-w" + w, jdbcUrl, name));
        }
        return new Prepared(name, topics, jdbcUrl, groupId, configs);
    }

    /** Waits until the prepared sale's consumer group has every worker's consumers and every partition assigned. */
    public void awaitSettled(Prepared sale, java.util.function.BooleanSupplier failed) {
        GroupWatch.awaitSettled(
                stack.endpoints().kafkaBootstrapServers(),
                sale.groupId(),
                sale.topics().requests(),
                settings.partitions(),
                settings.totalConsumers(),
                GROUP_SETTLE_TIMEOUT,
                failed);
    }

    /** What {@code sale}'s workers answered, checked against the database and the topics. */
    public RunReport verify(String runId, Prepared sale, Simulation.Outcome outcome) {
        Endpoints endpoints = stack.endpoints();
        Verification verification;
        try (CloseableDSLContext dsl = DSL.using(sale.jdbcUrl(), endpoints.dbUser(), endpoints.dbPassword())) {
            verification = new Verifier(dsl, Verifier.DEFAULT_MAX_OFFENDERS)
                    .verify(outcome.expectations(), outcome.observations());
        }
        return RunReport.of(runId, outcome.expectations(), outcome.observations(), verification, outcome.complete());
    }

    public StrategyRun run(RunPlan plan) {
        Stopwatch clock = new Stopwatch();
        Endpoints endpoints = stack.endpoints();
        Prepared prepared = prepare(plan.name(), plan.strategy(), !plan.warmup().isZero());
        Duration prepare = clock.lap();

        RunReport report;
        Timeline timeline;
        Duration start;
        Duration sale;
        Map<CpuMeter.Part, Double> spent;
        WorkerInsight insight;
        KafkaSettings kafka = KafkaSettings.of(endpoints.kafkaBootstrapServers());
        try (WorkerRuntime.Running workers = runtime.start(prepared.workers(), plan.kafkaOnly())) {
            awaitSettled(prepared, workers.failed());
            if (!plan.warmup().isZero()) {
                warmUp(kafka, prepared.topics(), plan.name(), plan.warmup());
            }
            start = clock.lap();
            Map<CpuMeter.Part, Double> before = cpu.read(workers.pids());
            MetricsScrape metricsBefore = MetricsScrape.of(workers.metricsEndpoints());
            Simulation.Outcome outcome = Simulation.run(
                    kafka,
                    prepared.topics(),
                    settings.withRequests(plan.requests()).workload(plan.name()),
                    new Simulation.Settings(plan.ratePerSecond(), settings.resultTimeout(), progress, out));
            spent = CpuMeter.spent(before, cpu.read(workers.pids()));
            insight = WorkerInsight.between(metricsBefore, MetricsScrape.of(workers.metricsEndpoints()));
            if (workers.failed().getAsBoolean()) {
                throw new IllegalStateException("a worker of " + plan.name() + " died during the sale; see its log");
            }
            report = verify(plan.name(), prepared, outcome);
            timeline = Timeline.of(outcome.expectations(), outcome.observations(), List.of());
            sale = clock.lap();
        }
        Duration stop = clock.lap();
        return new StrategyRun(
                plan.name(),
                plan.strategy(),
                report,
                new StrategyRun.Phases(prepare, start, sale, stop),
                spent,
                insight,
                timeline);
    }

    /**
     * Sends warm-up requests (for the warm-up items) to a sale's workers in rounds, waiting for every answer of a
     * round, until {@code duration} has passed: a fast strategy gets more requests than a slow one, each about the
     * same time.
     */
    public void warmUp(KafkaSettings kafka, SaleTopics topics, String runName, Duration duration) {
        long deadline = System.nanoTime() + duration.toNanos();
        int round = 0;
        do {
            Workload warmup = new Workload(
                    runName + "-warmup-" + ++round,
                    settings.seed() + round,
                    WARMUP_ROUND,
                    settings.users(),
                    WARMUP_CATALOG,
                    new Popularity.Uniform(),
                    // Keyless records spread over every partition, so every consumer thread warms up.
                    KeyMode.NONE,
                    QuantityRange.fixed(1),
                    0);
            Simulation.Outcome outcome = Simulation.run(
                    kafka,
                    topics,
                    warmup,
                    new Simulation.Settings(0, settings.resultTimeout(), ProgressMode.NONE, out));
            if (!outcome.complete()) {
                throw new IllegalStateException(
                        "the warm-up of " + runName + " did not get every answer within " + settings.resultTimeout());
            }
        } while (System.nanoTime() < deadline);
    }

    /** Measures consecutive phases. */
    private static final class Stopwatch {
        private long last = System.nanoTime();

        Duration lap() {
            long now = System.nanoTime();
            Duration lap = Duration.ofNanos(now - last);
            last = now;
            return lap;
        }
    }

    private WorkerConfig workerConfig(
            Endpoints endpoints,
            StrategyName strategy,
            SaleTopics topics,
            String groupId,
            String workerId,
            String jdbcUrl,
            String lockKeyPrefix) {
        WorkerConfig.Builder builder = WorkerConfig.builder()
                .bootstrapServers(endpoints.kafkaBootstrapServers())
                .groupId(groupId)
                .requestsTopic(topics.requests())
                .resultsTopic(topics.results())
                .deadLetterTopic(topics.deadLetters())
                .consumers(settings.consumersPerWorker())
                .strategy(strategy)
                .workerId(workerId)
                .dbUrl(jdbcUrl)
                .dbUser(endpoints.dbUser())
                .dbPassword(endpoints.dbPassword())
                .redisUrl(endpoints.redisUrl())
                .lockKeyPrefix(lockKeyPrefix)
                .pollTimeout(POLL_TIMEOUT)
                .httpPort(NO_HTTP)
                .shutdownTimeout(WORKER_SHUTDOWN_TIMEOUT);
        WorkerConfig tuned = tuning.apply(builder).build();
        if (tuned.groupProtocol() != GroupProtocol.CLASSIC) {
            // The consumer protocol's heartbeats are the broker's to set.
            return tuned;
        }
        Map<String, String> overrides = new HashMap<>(KAFKA_OVERRIDES);
        overrides.putAll(tuned.kafkaOverrides());
        return tuned.toBuilder().kafkaOverrides(overrides).build();
    }
}
