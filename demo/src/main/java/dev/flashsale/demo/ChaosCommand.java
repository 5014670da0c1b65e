package dev.flashsale.demo;

import dev.flashsale.cli.DurationConverter;
import dev.flashsale.demo.chaos.ChaosResult;
import dev.flashsale.demo.chaos.ChaosRun;
import dev.flashsale.demo.chaos.ChaosTable;
import dev.flashsale.demo.chaos.Scenario;
import dev.flashsale.demo.report.ChaosPage;
import dev.flashsale.demo.report.HtmlReport;
import dev.flashsale.demo.report.RunContext;
import dev.flashsale.demo.sale.SaleSettings;
import dev.flashsale.sim.workload.KeyMode;
import dev.flashsale.sim.workload.Popularity;
import dev.flashsale.sim.workload.QuantityRange;
import dev.flashsale.stack.LocalStack;
import dev.flashsale.stack.Origin;
import dev.flashsale.stack.Service;
import dev.flashsale.stack.StackOptions;
import dev.flashsale.worker.config.GroupProtocol;
import dev.flashsale.worker.config.WorkerConfig;
import dev.flashsale.worker.strategy.StrategyName;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * The chaos command: runs a sale on worker processes of their own while it injects faults (workers killed with
 * {@code kill -9} and replaced, PostgreSQL, Redis or the broker restarted, a lock holder stopped past its lease, one of
 * three brokers killed), then checks every invariant and says how long decisions stopped and how long the backlog took
 * to clear.
 */
@Command(
        name = "chaos",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        usageHelpAutoWidth = true,
        description = {
            "Runs a rate-limited sale per scenario and strategy on real Kafka, PostgreSQL and Redis (embedded, or the"
                    + " servers named by FLASHSALE_* variables), with every worker a JVM of its own, and injects the"
                    + " scenario's faults while it runs.",
            "Reports per run: requests sent and answered, lost, with conflicting results, units oversold, results"
                    + " without an order row, the longest time without a committed decision, how long the backlog took"
                    + " to clear after each fault, and decisions per second before, during and after the faults.",
            ""
        },
        footer = {
            "",
            "Exit status: 0 when every run kept every invariant its strategy promises (distributed may oversell when a"
                    + " lock holder stalls), 1 otherwise, 2 for bad options."
        })
public final class ChaosCommand implements Callable<Integer> {

    @Option(
            names = "--scenarios",
            split = ",",
            defaultValue = "kill,postgres-restart,redis-restart,kafka-restart,stall,broker-kill",
            converter = ScenarioConverter.class,
            description = "Scenarios, comma separated: kill, postgres-restart, redis-restart, kafka-restart, stall,"
                    + " broker-kill (one of three Kafka nodes; starts a three-node cluster of its own)."
                    + " Default: ${DEFAULT-VALUE}.")
    List<Scenario> scenarios;

    @Option(
            names = "--strategies",
            split = ",",
            converter = StrategyConverter.class,
            completionCandidates = StrategyName.Ids.class,
            description =
                    "Strategies for every scenario, of: ${COMPLETION-CANDIDATES}. Default: each scenario's own (kill: atomic, batched;"
                            + " redis-restart: combined; stall: distributed, combined, fenced; others: atomic).")
    List<StrategyName> strategies;

    @Option(
            names = "--rate",
            defaultValue = "500",
            description = "Requests sent per second; well below what the strategies carry here, so that a backlog"
                    + " after a fault can clear. Default: ${DEFAULT-VALUE}.")
    double rate;

    @Option(
            names = "--duration",
            defaultValue = "45s",
            converter = DurationConverter.class,
            description = "How long requests are sent. Default: ${DEFAULT-VALUE}.")
    Duration duration;

    @Option(
            names = "--first-fault",
            defaultValue = "10s",
            converter = DurationConverter.class,
            description = "When the first fault comes, after the first request. Default: ${DEFAULT-VALUE}.")
    Duration firstFault;

    @Option(names = "--kills", defaultValue = "5", description = "Workers killed in kill. Default: ${DEFAULT-VALUE}.")
    int kills;

    @Option(
            names = "--kill-interval",
            defaultValue = "6s",
            converter = DurationConverter.class,
            description = "Time between kills. Default: ${DEFAULT-VALUE}.")
    Duration killInterval;

    @Option(
            names = "--downtime",
            defaultValue = "5s",
            converter = DurationConverter.class,
            description = "How long a server stays down, or a worker stopped. Default: ${DEFAULT-VALUE}.")
    Duration downtime;

    @Option(
            names = "--lock-lease",
            defaultValue = "2s",
            converter = DurationConverter.class,
            description = "The workers' Redis lock lease in stall, shorter than --downtime so that the stalled"
                    + " holder outlives it. Default: ${DEFAULT-VALUE}.")
    Duration lockLease;

    @Mixin
    FleetOptions fleet = new FleetOptions();

    @Option(
            names = "--items",
            defaultValue = "10",
            description = "Items on sale (Zipf popularity, keyed by buyer). Default: ${DEFAULT-VALUE}.")
    int items;

    @Option(names = "--stock", defaultValue = "2000", description = "Stock per item. Default: ${DEFAULT-VALUE}.")
    int stock;

    @Option(
            names = "--group-protocol",
            defaultValue = WorkerConfig.DEFAULT_GROUP_PROTOCOL_NAME,
            description = "The workers' consumer group protocol: classic or consumer (KIP-848)."
                    + " Default: ${DEFAULT-VALUE}.")
    String groupProtocol;

    @Option(
            names = "--session-timeout",
            defaultValue = WorkerConfig.DEFAULT_SESSION_TIMEOUT_TEXT,
            converter = DurationConverter.class,
            description = "The workers' session timeout. Default: ${DEFAULT-VALUE}.")
    Duration sessionTimeout;

    @Option(
            names = "--worker-heap",
            defaultValue = "256m",
            description = "Heap limit of each worker process. Default: ${DEFAULT-VALUE}.")
    String workerHeap;

    @Option(names = "--seed", defaultValue = "42", description = "Seed of the workload and the victims.")
    long seed;

    @Option(
            names = "--html",
            paramLabel = "FILE",
            description = "Where to write the HTML report (charts inline, opens offline)."
                    + " Default: target/reports/chaos-<date-time>.html.")
    Path html;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        fleet.validate();
        if (rate <= 0) {
            throw new IllegalArgumentException("--rate must be positive, got " + rate);
        }
        if (kills < 0) {
            throw new IllegalArgumentException("--kills must not be negative, got " + kills);
        }
        if (!workerHeap.matches("\\d+[kKmMgG]?")) {
            throw new IllegalArgumentException("--worker-heap must be a size such as 256m, got '" + workerHeap + "'");
        }
        GroupProtocol protocol = GroupProtocol.parse(groupProtocol);
        PrintStream console = System.out;
        String stamp = LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss"));
        ChaosRun.Plan plan = new ChaosRun.Plan(
                rate,
                duration,
                firstFault,
                kills,
                killInterval,
                downtime,
                lockLease,
                Duration.ofSeconds(3),
                List.of(
                        "-Xmx" + workerHeap,
                        "-XX:TieredStopAtLevel=1",
                        "-Dlogback.configurationFile=" + BenchCommand.WORKER_LOGBACK),
                Path.of("target", "chaos", "logs-" + stamp),
                seed);
        SaleSettings settings = new SaleSettings(
                items,
                stock,
                null,
                1,
                5_000,
                KeyMode.USER,
                new Popularity.Zipf(1.0),
                QuantityRange.fixed(1),
                seed,
                fleet.workers(),
                fleet.consumers(),
                fleet.partitions(),
                Duration.ofMinutes(3));
        List<ChaosResult> results = new ArrayList<>();
        List<Scenario> single =
                scenarios.stream().filter(s -> !s.needsThreeBrokers()).toList();
        List<Scenario> cluster =
                scenarios.stream().filter(Scenario::needsThreeBrokers).toList();
        long started = System.nanoTime();
        List<String> servers = new ArrayList<>();
        if (!single.isEmpty()) {
            try (LocalStack stack = LocalStack.start(StackOptions.separateKafkaProcess())) {
                console.println("Servers: " + stack.endpoints());
                servers.add(RunContext.servers(stack));
                runAll(stack, single, settings, plan, protocol, console, results);
            }
        }
        if (!cluster.isEmpty()) {
            try (LocalStack stack = LocalStack.start(StackOptions.threeKafkaNodes())) {
                console.println("Servers (three Kafka nodes): " + stack.endpoints());
                servers.add("for broker-kill, three Kafka nodes: " + RunContext.servers(stack));
                runAll(stack, cluster, settings, plan, protocol, console, results);
            }
        }
        console.println();
        String described = String.format(
                Locale.ROOT,
                "%d worker processes x %d consumers, %d partitions, %.0f requests/s for %d s, group protocol %s,"
                        + " session timeout %s",
                fleet.workers(),
                fleet.consumers(),
                fleet.partitions(),
                rate,
                duration.toSeconds(),
                protocol.kafkaName(),
                sessionTimeout);
        console.println(described);
        console.print(ChaosTable.render(results));
        console.println("longest gap: the longest time between two committed decisions, as a read_committed reader saw"
                + " them; recovery: from a fault until the requests waiting for an answer were back within a second"
                + " of sending of what waited just before it, for good (the longest over the run's faults; when a fault"
                + " came before the previous one had caught up, how long after the last one).");
        boolean acceptable =
                results.stream().allMatch(result -> result.verdict().acceptable());
        console.printf(
                Locale.ROOT,
                "%s Total %.0f s.%n",
                acceptable ? "Every run kept the invariants its strategy promises." : "INVARIANTS BROKEN.",
                (System.nanoTime() - started) / 1e9);
        RunContext context = new RunContext(
                RunContext.command(
                        ChaosCommand.class.getName(),
                        "chaos.args",
                        spec.commandLine().getParseResult().originalArgs().toArray(String[]::new)),
                RunContext.thisMachine(),
                String.join("; ", servers),
                Instant.now());
        Path written =
                ChaosPage.of(results, context, described).write(html != null ? html : HtmlReport.defaultPath("chaos"));
        console.println("Report: " + written);
        return acceptable ? 0 : 1;
    }

    private void runAll(
            LocalStack stack,
            List<Scenario> chosen,
            SaleSettings settings,
            ChaosRun.Plan plan,
            GroupProtocol protocol,
            PrintStream console,
            List<ChaosResult> results) {
        ChaosRun runner = new ChaosRun(
                stack,
                settings,
                plan,
                builder -> builder.groupProtocol(protocol).sessionTimeout(sessionTimeout),
                console);
        for (Scenario scenario : chosen) {
            String skip = skipReason(stack, scenario);
            if (skip != null) {
                console.println("== " + scenario.id() + ": skipped, " + skip);
                continue;
            }
            for (StrategyName strategy : strategies == null ? scenario.defaultStrategies() : strategies) {
                console.println("== " + scenario.id() + " under " + strategy.id() + ": " + scenario.description());
                ChaosResult result = runner.run(scenario, strategy);
                results.add(result);
                console.printf(
                        Locale.ROOT,
                        "%s/%s: %d of %d answered, longest gap %.1f s, %s%n",
                        scenario.id(),
                        strategy.id(),
                        result.report().answered(),
                        result.report().expectedResults(),
                        result.timeline().longestGapMs() / 1000.0,
                        ChaosTable.verdict(result));
            }
        }
    }

    /** Why a scenario cannot run on this stack, or null. */
    private static String skipReason(LocalStack stack, Scenario scenario) {
        return switch (scenario) {
            case POSTGRES_RESTART ->
                stack.origin(Service.POSTGRES) == Origin.EMBEDDED
                        ? null
                        : "PostgreSQL is not embedded, so it cannot be restarted from here";
            case REDIS_RESTART, STALL ->
                stack.origin(Service.REDIS) == Origin.EMBEDDED || scenario == Scenario.STALL
                        ? null
                        : "Redis is not embedded, so it cannot be restarted from here";
            case KAFKA_RESTART, BROKER_KILL ->
                stack.kafkaNodePids().isEmpty()
                        ? "Kafka is not embedded in processes of its own, so it cannot be killed from here"
                        : null;
            case KILL -> null;
        };
    }

    /** Reads one scenario name. */
    static final class ScenarioConverter implements picocli.CommandLine.ITypeConverter<Scenario> {
        @Override
        public Scenario convert(String value) {
            try {
                return Scenario.parse(value);
            } catch (IllegalArgumentException e) {
                throw new picocli.CommandLine.TypeConversionException(e.getMessage());
            }
        }
    }

    public static void main(String[] args) {
        System.exit(DemoCommand.commandLine(new ChaosCommand()).execute(args));
    }
}
