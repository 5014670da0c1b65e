package dev.flashsale.demo;

import dev.flashsale.cli.DurationConverter;
import dev.flashsale.demo.bench.BenchReport;
import dev.flashsale.demo.bench.BenchSample;
import dev.flashsale.demo.bench.BenchWorkload;
import dev.flashsale.demo.bench.CeilingRun;
import dev.flashsale.demo.bench.DatabaseCeiling;
import dev.flashsale.demo.bench.PassThroughWorker;
import dev.flashsale.demo.bench.TransactionCost;
import dev.flashsale.demo.report.BenchPage;
import dev.flashsale.demo.report.HtmlReport;
import dev.flashsale.demo.report.RunContext;
import dev.flashsale.demo.sale.IsolatedSale;
import dev.flashsale.demo.sale.RunPlan;
import dev.flashsale.demo.sale.SaleSettings;
import dev.flashsale.demo.sale.StrategyRun;
import dev.flashsale.demo.sale.WorkerRuntime;
import dev.flashsale.sim.progress.ProgressMode;
import dev.flashsale.stack.LocalStack;
import dev.flashsale.stack.StackOptions;
import dev.flashsale.worker.config.WorkerConfig;
import dev.flashsale.worker.strategy.StrategyName;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * The benchmark: runs named workloads several times under each strategy with worker processes of their own, and in
 * the same run measures what the database alone and the Kafka pipeline alone carry with the same requests (the
 * ceilings), each strategy's latency at half its peak, and the CPU every part of the system spends; then prints medians
 * and writes every raw number.
 */
@Command(
        name = "bench",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        usageHelpAutoWidth = true,
        description = {
            "Runs each workload --repeat times under each strategy (same requests every time) on real Kafka,"
                    + " PostgreSQL and Redis, with every worker a JVM of its own (heap limited by --worker-heap).",
            "In each repetition it also measures three ceilings: the guarded decrement and the pessimistic transaction"
                    + " over plain JDBC on as many threads as the workers have consumers, and the workers' Kafka pipeline"
                    + " with a decider that answers without a database (ceiling-kafka).",
            "After each strategy's peak run, it runs the strategy again at half that rate (half-peak) for its latency.",
            "Prints the medians, the CPU seconds per 1,000 requests of every part, and writes every sample to a CSV.",
            ""
        },
        footer = {"", "Exit status: 0 when every run kept its invariants (distributed may oversell), 1 otherwise."})
public final class BenchCommand implements Callable<Integer> {

    /** Transactions the Kafka anchor commits and measures. */
    static final int TRANSACTION_COST_SAMPLES = 500;

    private TransactionCost transactionCost;

    /** The logging set-up of forked workers: the worker's own levels, to the process's log file. */
    static final String WORKER_LOGBACK = "flashsale-forked-worker-logback.xml";

    @Option(
            names = "--workloads",
            split = ",",
            defaultValue = "hot,spread",
            description = "Workloads, comma separated: ${COMPLETION-CANDIDATES}. hot: 1 item x 10,000 stock, 50,000"
                    + " requests keyed by user. spread: 1,000 items x 50 stock, 100,000 Zipf(1.0) requests keyed by"
                    + " item. Default: ${DEFAULT-VALUE}.")
    List<BenchWorkload> workloads;

    @Option(
            names = "--strategies",
            split = ",",
            converter = StrategyConverter.class,
            completionCandidates = StrategyName.Ids.class,
            description = "Strategies, comma separated, of: ${COMPLETION-CANDIDATES}. Default: all.")
    List<StrategyName> strategies;

    @Option(names = "--repeat", defaultValue = "3", description = "Runs of each. Default: ${DEFAULT-VALUE}.")
    int repeat;

    @Option(
            names = "--requests",
            defaultValue = "0",
            description = "Requests per run instead of the workload's own number (stock unchanged), for a quick run."
                    + " Default: the workload's.")
    int requests;

    @Option(
            names = "--warmup",
            defaultValue = "40000",
            description = "Requests of an unmeasured warm-up before everything, answered by Kafka-only workers: it"
                    + " compiles the broker's and this JVM's hot code, which all later runs share; 0 skips it."
                    + " Default: ${DEFAULT-VALUE}.")
    int warmup;

    @Option(
            names = "--run-warmup",
            defaultValue = "5s",
            converter = DurationConverter.class,
            description = "How long each run's fresh worker processes are sent requests, unmeasured, before the"
                    + " measured sale (for items of their own), so that a run does not measure their JIT compilation;"
                    + " 0s skips it. Default: ${DEFAULT-VALUE}.")
    Duration runWarmup;

    @Option(
            names = "--half-peak-seconds",
            defaultValue = "10",
            description = "Length of each half-peak (and other --load-levels) run: the strategy is sent requests at"
                    + " that fraction of its measured peak for at least this long (and at least --requests requests);"
                    + " 0 skips these runs. Default: ${DEFAULT-VALUE}.")
    int halfPeakSeconds;

    @Option(
            names = "--load-levels",
            split = ",",
            defaultValue = "0.5",
            description = "Fractions of each peak at which the run is repeated, rate-limited, for its latency under a"
                    + " load it should carry; 0.5 is the half-peak run, other levels are written to the CSV as"
                    + " partial-load rows. Default: ${DEFAULT-VALUE}.")
    List<Double> loadLevels;

    @Option(names = "--no-ceiling", negatable = false, description = "Skip the ceilings.")
    boolean noCeiling;

    @Option(names = "--seed", defaultValue = "42", description = "Workload seed. Default: ${DEFAULT-VALUE}.")
    long seed;

    @Mixin
    FleetOptions fleet = new FleetOptions();

    @Option(
            names = "--worker-heap",
            defaultValue = "256m",
            description = "Heap limit of each worker process (-Xmx). Default: ${DEFAULT-VALUE}.")
    String workerHeap;

    @Option(
            names = "--worker-jvm-option",
            paramLabel = "OPTION",
            description = "An extra JVM option of every worker process, such as"
                    + " -XX:StartFlightRecording=filename=w.jfr to profile them; repeatable.")
    List<String> workerJvmOptions = new ArrayList<>();

    @Option(
            names = "--commit-interval",
            converter = DurationConverter.class,
            description = "The workers' commit interval (--commit-interval of the worker). Default: the worker's, "
                    + WorkerConfig.DEFAULT_COMMIT_INTERVAL_TEXT + ".")
    Duration commitInterval;

    @Option(
            names = "--worker-kafka-property",
            paramLabel = "KEY=VALUE",
            description = "An extra Kafka client setting of every worker, as a --kafka-properties file would give it;"
                    + " repeatable.")
    Map<String, String> workerKafkaProperties = new LinkedHashMap<>();

    @Option(
            names = "--kafka-in-jvm",
            negatable = false,
            description = "Run the embedded Kafka broker in this JVM instead of one of its own (its CPU is then counted"
                    + " with the simulator's).")
    boolean kafkaInJvm;

    @Option(
            names = "--result-timeout",
            defaultValue = "5m",
            converter = DurationConverter.class,
            description = "Wait for a run's last results. Default: ${DEFAULT-VALUE}.")
    Duration resultTimeout;

    @Option(
            names = "--out",
            paramLabel = "FILE",
            description = "CSV of every sample. Default: target/bench/bench-<date-time>.csv.")
    Path out;

    @Option(
            names = "--html",
            paramLabel = "FILE",
            description =
                    "Where to write the HTML report (charts inline, opens offline); each workload's throughput"
                            + " chart is also written beside it as an SVG file. Default: target/reports/bench-<date-time>.html.")
    Path html;

    @Spec
    CommandSpec spec;

    @Option(
            names = "--progress",
            defaultValue = "plain",
            description = "Progress display: ${COMPLETION-CANDIDATES}. Default: ${DEFAULT-VALUE}.")
    ProgressMode progress;

    @Override
    public Integer call() {
        fleet.validate();
        if (repeat < 1) {
            throw new IllegalArgumentException("--repeat must be at least 1, got " + repeat);
        }
        if (loadLevels.stream().anyMatch(level -> !(level > 0 && level < 1))) {
            throw new IllegalArgumentException("--load-levels must be fractions between 0 and 1, got " + loadLevels);
        }
        if (requests < 0 || warmup < 0 || halfPeakSeconds < 0 || runWarmup.isNegative()) {
            throw new IllegalArgumentException(
                    "--requests, --warmup, --run-warmup and --half-peak-seconds must not be negative");
        }
        if (!workerHeap.matches("\\d+[kKmMgG]?")) {
            throw new IllegalArgumentException("--worker-heap must be a size such as 256m, got '" + workerHeap + "'");
        }
        List<StrategyName> chosen =
                strategies == null || strategies.isEmpty() ? List.of(StrategyName.values()) : strategies;
        String stamp = LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss"));
        Path csv = out != null ? out : Path.of("target", "bench", "bench-" + stamp + ".csv");
        List<String> jvmOptions = new ArrayList<>();
        jvmOptions.add("-Xmx" + workerHeap);
        // Each run starts fresh worker JVMs. C2 compiled for longer than a run lasts and took more CPU than the
        // workers' own work; C1-compiled code is slower than what a long-running worker ends up with, so the workers'
        // numbers are conservative.
        jvmOptions.add("-XX:TieredStopAtLevel=1");
        // One logging set-up for every worker process: the class path holds several modules' logback.xml.
        jvmOptions.add("-Dlogback.configurationFile=" + WORKER_LOGBACK);
        jvmOptions.addAll(workerJvmOptions);
        WorkerRuntime runtime = new WorkerRuntime.Forked(
                jvmOptions, PassThroughWorker.class.getName(), Path.of("target", "bench", "logs-" + stamp));
        PrintStream console = System.out;
        long started = System.nanoTime();
        List<BenchSample> samples = new ArrayList<>();
        StackOptions options = kafkaInJvm ? StackOptions.defaults() : StackOptions.separateKafkaProcess();
        String where;
        RunContext context;
        try (LocalStack stack = LocalStack.start(options)) {
            where = RunContext.servers(stack);
            console.println("Servers: " + stack.endpoints() + " (" + where + ")");
            if (warmup > 0) {
                SaleSettings warm = settings(workloads.get(0)).withRequests(warmup);
                long warmStart = System.nanoTime();
                new IsolatedSale(stack, warm, ProgressMode.NONE, console, runtime, this::tune)
                        .run(new RunPlan("warmup", null, 0, warmup, Duration.ZERO));
                console.printf(
                        Locale.ROOT,
                        "Warm-up (not measured): %d requests in %.1f s%n",
                        warmup,
                        (System.nanoTime() - warmStart) / 1e9);
            }
            String anchorTopic = LocalStack.uniqueName("transaction-cost");
            stack.createTopic(anchorTopic, 1);
            transactionCost = TransactionCost.measure(
                    stack.endpoints().kafkaBootstrapServers(),
                    anchorTopic,
                    TRANSACTION_COST_SAMPLES,
                    stack.kafkaNodePids().stream()
                            .filter(java.util.OptionalLong::isPresent)
                            .map(java.util.OptionalLong::getAsLong)
                            .toList());
            console.println("Anchor: " + transactionCost);
            for (BenchWorkload workload : workloads) {
                SaleSettings settings = settings(workload);
                IsolatedSale sale = new IsolatedSale(stack, settings, progress, console, runtime, this::tune);
                for (int r = 1; r <= repeat; r++) {
                    if (!noCeiling) {
                        for (DatabaseCeiling.Transaction transaction : DatabaseCeiling.Transaction.values()) {
                            record(
                                    console,
                                    samples,
                                    CeilingRun.measure(stack, sale, settings, workload, r, transaction));
                        }
                        StrategyRun kafka =
                                sale.run(new RunPlan(PassThroughWorker.NAME, null, 0, settings.requests(), runWarmup));
                        record(console, samples, BenchSample.of(workload, r, BenchSample.Kind.CEILING, 0, kafka));
                        explain(console, kafka);
                        halfPeak(console, samples, sale, settings, workload, r, kafka, null);
                    }
                    for (StrategyName strategy : chosen) {
                        StrategyRun peak =
                                sale.run(new RunPlan(strategy.id(), strategy, 0, settings.requests(), runWarmup));
                        record(console, samples, BenchSample.of(workload, r, BenchSample.Kind.STRATEGY, 0, peak));
                        explain(console, peak);
                        halfPeak(console, samples, sale, settings, workload, r, peak, strategy);
                    }
                }
            }
            context = RunContext.of(
                    BenchCommand.class.getName(),
                    "bench.args",
                    spec.commandLine().getParseResult().originalArgs().toArray(String[]::new),
                    stack);
        }
        BenchReport.writeCsv(samples, csv);
        Map<BenchWorkload, String> workloadText = new LinkedHashMap<>();
        for (BenchWorkload workload : workloads) {
            SaleSettings settings = settings(workload);
            console.println();
            String text = String.format(
                    Locale.ROOT,
                    "%d item(s) x %d stock, %d requests keyed by %s, %s popularity; %d worker processes"
                            + " (-Xmx%s) x %d consumers; median of %d run(s)",
                    settings.items(),
                    settings.stock(),
                    settings.requests(),
                    settings.keyMode().name().toLowerCase(Locale.ROOT),
                    settings.popularity(),
                    fleet.workers(),
                    workerHeap,
                    fleet.consumers(),
                    repeat);
            workloadText.put(workload, text);
            console.println("Workload " + workload.id() + ": " + text);
            console.print(BenchReport.table(workload, samples));
            console.println("CPU seconds per 1,000 requests decided, at the peak:");
            console.print(BenchReport.cpuTable(workload, samples));
        }
        console.println();
        console.println(
                "Ceilings: ceiling-guarded and ceiling-pessimistic run the same requests as one JDBC transaction"
                        + " each on " + fleet.threads()
                        + " threads, no Kafka; ceiling-kafka runs the workers' own"
                        + " pipeline answering without a database. Throughput: requests decided per second, first request sent"
                        + " to last result seen. Latency: request sent to its result seen by a read_committed reader.");
        console.println("Anchor: " + transactionCost + ".");
        console.printf(
                Locale.ROOT,
                "Machine: %d cores, Java %s; %s. Raw samples: %s. Total %.0f s.%n",
                Runtime.getRuntime().availableProcessors(),
                System.getProperty("java.version"),
                where,
                csv.toAbsolutePath(),
                (System.nanoTime() - started) / 1e9);
        Path page = html != null ? html : HtmlReport.defaultPath("bench");
        Path written = BenchPage.of(workloads, samples, context, workloadText, transactionCost.toString())
                .write(page);
        BenchPage.charts(workloads, samples)
                .forEach((workload, charts) -> console.println("Chart: "
                        + HtmlReport.writeSvg(
                                svgBeside(written, "-" + workload.id() + "-throughput.svg"), charts.throughput())));
        console.println("Report: " + written);
        boolean acceptable =
                samples.stream().noneMatch(sample -> sample.verdict().equals("FAIL"));
        return acceptable ? 0 : 1;
    }

    /** {@code report.html} to {@code report<suffix>}, in the same directory. */
    private static Path svgBeside(Path report, String suffix) {
        String name = report.getFileName().toString().replaceFirst("\\.html?$", "");
        return report.resolveSibling(name + suffix);
    }

    /** The worker settings this benchmark changes from the defaults. */
    private WorkerConfig.Builder tune(WorkerConfig.Builder builder) {
        if (commitInterval != null) {
            builder.commitInterval(commitInterval);
        }
        if (!workerKafkaProperties.isEmpty()) {
            Map<String, String> overrides = new LinkedHashMap<>(builder.build().kafkaOverrides());
            overrides.putAll(workerKafkaProperties);
            builder.kafkaOverrides(overrides);
        }
        return builder;
    }

    private SaleSettings settings(BenchWorkload workload) {
        return workload.settings(requests, seed, fleet.workers(), fleet.consumers(), fleet.partitions(), resultTimeout);
    }

    private static void record(PrintStream console, List<BenchSample> samples, BenchSample sample) {
        samples.add(sample);
        console.printf(
                Locale.ROOT,
                "%s #%d %-20s %-9s %8.0f requests/s  p50 %5d ms  p99 %5d ms  %s%n",
                sample.workload().id(),
                sample.repeat(),
                sample.name(),
                sample.kind().id(),
                sample.throughputPerSecond(),
                sample.p50Ms(),
                sample.p99Ms(),
                sample.verdict());
    }

    /**
     * Runs {@code peak}'s decider again at each --load-levels fraction of its throughput, rate-limited, for at least
     * --half-peak-seconds: its latency under loads it can carry.
     *
     * @param strategy null for the Kafka ceiling
     */
    private void halfPeak(
            PrintStream console,
            List<BenchSample> samples,
            IsolatedSale sale,
            SaleSettings settings,
            BenchWorkload workload,
            int repeat,
            StrategyRun peak,
            StrategyName strategy) {
        if (halfPeakSeconds == 0 || peak.report().throughputPerSecond() <= 0) {
            return;
        }
        for (double level : loadLevels) {
            double rate = peak.report().throughputPerSecond() * level;
            int levelRequests = (int) Math.max(settings.requests(), Math.round(rate * halfPeakSeconds));
            StrategyRun run = sale.run(new RunPlan(peak.name(), strategy, rate, levelRequests, runWarmup));
            BenchSample.Kind kind = level == 0.5 ? BenchSample.Kind.HALF_PEAK : BenchSample.Kind.PARTIAL_LOAD;
            record(console, samples, BenchSample.of(workload, repeat, kind, rate, run));
            explain(console, run);
        }
    }

    /** What the workers' own metrics said about a run, on the line below it. */
    private static void explain(PrintStream console, StrategyRun run) {
        if (run.insight() != null) {
            console.println("    " + run.insight());
        }
    }

    public static void main(String[] args) {
        System.exit(DemoCommand.commandLine(new BenchCommand()).execute(args));
    }
}
