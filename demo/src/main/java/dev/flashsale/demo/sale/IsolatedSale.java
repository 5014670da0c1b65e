package dev.flashsale.demo.sale;

import dev.flashsale.schema.Migrations;
import dev.flashsale.sim.Seeder;
import dev.flashsale.sim.Simulation;
import dev.flashsale.sim.Verifier;
import dev.flashsale.sim.kafka.KafkaSettings;
import dev.flashsale.sim.kafka.SaleTopics;
import dev.flashsale.sim.progress.ProgressMode;
import dev.flashsale.sim.report.RunReport;
import dev.flashsale.sim.verify.Verification;
import dev.flashsale.stack.Endpoints;
import dev.flashsale.stack.LocalStack;
import dev.flashsale.worker.config.WorkerConfig;
import dev.flashsale.worker.strategy.StrategyName;
import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
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
     * Members of a forming group learn that it rebalances from their next heartbeat, every 3 s by default, which made
     * each strategy's start-up take several seconds. A shorter interval only makes that news travel faster; the
     * producers ignore the setting.
     */
    private static final Map<String, String> KAFKA_OVERRIDES = Map.of("heartbeat.interval.ms", "250");

    private static final Duration GROUP_SETTLE_TIMEOUT = Duration.ofSeconds(90);
    private static final Duration WORKER_SHUTDOWN_TIMEOUT = Duration.ofSeconds(30);

    private final LocalStack stack;
    private final SaleSettings settings;
    private final ProgressMode progress;
    private final PrintStream out;

    public IsolatedSale(LocalStack stack, SaleSettings settings, ProgressMode progress, PrintStream out) {
        this.stack = Objects.requireNonNull(stack, "stack");
        this.settings = Objects.requireNonNull(settings, "settings");
        this.progress = Objects.requireNonNull(progress, "progress");
        this.out = Objects.requireNonNull(out, "out");
    }

    /** A fresh database on the stack, migrated and seeded with the sale's items; returns its JDBC URL. */
    public String freshDatabase(String name) {
        Endpoints endpoints = stack.endpoints();
        String jdbcUrl = stack.newDatabase(name);
        Migrations.migrate(jdbcUrl, endpoints.dbUser(), endpoints.dbPassword());
        try (CloseableDSLContext dsl = DSL.using(jdbcUrl, endpoints.dbUser(), endpoints.dbPassword())) {
            Seeder.seed(dsl, new Seeder.Spec(settings.catalog(), settings.stock(), settings.perUserLimit(), false));
        }
        return jdbcUrl;
    }

    public StrategyRun run(StrategyName strategy) {
        Stopwatch clock = new Stopwatch();
        Endpoints endpoints = stack.endpoints();
        String name = LocalStack.uniqueName("sale-" + strategy.id());
        SaleTopics topics = SaleTopics.named(name);
        stack.createTopic(topics.requests(), settings.partitions());
        stack.createTopic(topics.results(), settings.partitions());
        stack.createTopic(topics.deadLetters(), 1);
        String jdbcUrl = freshDatabase(name);
        String groupId = name + ".workers";
        Duration prepare = clock.lap();

        List<WorkerConfig> configs = new ArrayList<>();
        for (int w = 1; w <= settings.workers(); w++) {
            configs.add(workerConfig(endpoints, strategy, topics, groupId, name + "-w" + w, jdbcUrl, name));
        }
        RunReport report;
        Duration start;
        Duration sale;
        try (WorkerGroup workers = WorkerGroup.start(configs)) {
            workers.awaitAssigned(
                    endpoints.kafkaBootstrapServers(),
                    groupId,
                    topics.requests(),
                    settings.partitions(),
                    settings.totalConsumers(),
                    GROUP_SETTLE_TIMEOUT);
            start = clock.lap();
            KafkaSettings kafka = KafkaSettings.of(endpoints.kafkaBootstrapServers());
            Simulation.Outcome outcome = Simulation.run(
                    kafka,
                    topics,
                    settings.workload(strategy.id()),
                    new Simulation.Settings(0, settings.resultTimeout(), progress, out));
            Verification verification;
            try (CloseableDSLContext dsl = DSL.using(jdbcUrl, endpoints.dbUser(), endpoints.dbPassword())) {
                verification = new Verifier(dsl, Verifier.DEFAULT_MAX_OFFENDERS)
                        .verify(outcome.expectations(), outcome.observations());
            }
            report = RunReport.of(
                    strategy.id(), outcome.expectations(), outcome.observations(), verification, outcome.complete());
            sale = clock.lap();
        }
        Duration stop = clock.lap();
        return new StrategyRun(strategy, report, new StrategyRun.Phases(prepare, start, sale, stop));
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
        return WorkerConfig.builder()
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
                .kafkaOverrides(KAFKA_OVERRIDES)
                .shutdownTimeout(WORKER_SHUTDOWN_TIMEOUT)
                .build();
    }
}
