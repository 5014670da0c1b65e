package dev.flashsale.demo;

import dev.flashsale.cli.DurationConverter;
import dev.flashsale.demo.report.DemoPage;
import dev.flashsale.demo.report.HtmlReport;
import dev.flashsale.demo.report.RunContext;
import dev.flashsale.demo.sale.ComparisonTable;
import dev.flashsale.demo.sale.IsolatedSale;
import dev.flashsale.demo.sale.SaleSettings;
import dev.flashsale.demo.sale.StrategyRun;
import dev.flashsale.sim.cli.Converters;
import dev.flashsale.sim.progress.ProgressMode;
import dev.flashsale.sim.report.JsonReport;
import dev.flashsale.sim.report.ReportPrinter;
import dev.flashsale.sim.workload.KeyMode;
import dev.flashsale.sim.workload.Popularity;
import dev.flashsale.sim.workload.QuantityRange;
import dev.flashsale.stack.LocalStack;
import dev.flashsale.worker.strategy.StrategyName;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * The one-command demo: starts Kafka, PostgreSQL and Redis (or uses the servers named by {@code FLASHSALE_*}
 * variables), then runs the same flash sale under every strategy in turn, each on fresh topics, a fresh consumer group
 * and a fresh database with three in-process workers, and prints one comparison table.
 */
@Command(
        name = "demo",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        usageHelpAutoWidth = true,
        description = {
            "Runs one flash sale under each strategy on real Kafka, PostgreSQL and Redis and compares them.",
            "Servers named by FLASHSALE_KAFKA_BOOTSTRAP_SERVERS, FLASHSALE_DB_URL (+ FLASHSALE_DB_USER,"
                    + " FLASHSALE_DB_PASSWORD) and FLASHSALE_REDIS_URL are used; the others are started embedded.",
            ""
        },
        footer = {
            "",
            "Exit status: 0 when every strategy kept its invariants (distributed may oversell: the design's documented"
                    + " exception), 1 otherwise, 2 for bad options."
        })
public final class DemoCommand implements Callable<Integer> {

    @Option(
            names = "--strategies",
            split = ",",
            converter = StrategyConverter.class,
            completionCandidates = StrategyName.Ids.class,
            description = "Strategies to run, comma separated, of: ${COMPLETION-CANDIDATES}. Default: all.")
    List<StrategyName> strategies;

    @Option(names = "--items", defaultValue = "20", description = "Items on sale. Default: ${DEFAULT-VALUE}.")
    int items;

    @Option(names = "--stock", defaultValue = "100", description = "Initial stock per item. Default: ${DEFAULT-VALUE}.")
    int stock;

    @Option(names = "--per-user-limit", description = "Per-user limit of every item. Default: none.")
    Integer perUserLimit;

    @Option(
            names = "--requests",
            defaultValue = "20000",
            description = "Requests per strategy. Default: ${DEFAULT-VALUE}.")
    int requests;

    @Option(names = "--users", defaultValue = "5000", description = "Distinct buyers. Default: ${DEFAULT-VALUE}.")
    int users;

    @Option(
            names = "--key",
            defaultValue = "user",
            description = "Record key: ${COMPLETION-CANDIDATES}. Default: ${DEFAULT-VALUE}.")
    KeyMode keyMode;

    @Option(
            names = "--popularity",
            defaultValue = "zipf:1.0",
            converter = Converters.PopularityConverter.class,
            description = "uniform, hot, zipf or zipf:<exponent>. Default: ${DEFAULT-VALUE}.")
    Popularity popularity;

    @Option(
            names = "--quantity",
            defaultValue = "1",
            converter = Converters.QuantityConverter.class,
            description = "Units per request: 1 or a range like 1-3. Default: ${DEFAULT-VALUE}.")
    QuantityRange quantity;

    @Option(
            names = "--seed",
            defaultValue = "42",
            description = "Workload seed; every strategy gets the same requests. Default: ${DEFAULT-VALUE}.")
    long seed;

    @Option(
            names = "--warmup",
            defaultValue = "4000",
            description = "Requests of an unmeasured warm-up sale run first, so that the first strategy measured does"
                    + " not pay for the JVM's warm-up; 0 skips it. Default: ${DEFAULT-VALUE}.")
    int warmup;

    @Mixin
    FleetOptions fleet = new FleetOptions();

    @Option(
            names = "--result-timeout",
            defaultValue = "2m",
            converter = DurationConverter.class,
            description = "Wait for a strategy's last results. Default: ${DEFAULT-VALUE}.")
    Duration resultTimeout;

    @Option(
            names = "--progress",
            defaultValue = "auto",
            description = "Progress display: ${COMPLETION-CANDIDATES}. Default: ${DEFAULT-VALUE}.")
    ProgressMode progress;

    @Option(names = "--details", description = "Print each strategy's full report, not only the table.")
    boolean details;

    @Option(names = "--json", paramLabel = "FILE", description = "Also write every run's report as JSON to FILE.")
    Path json;

    @Option(
            names = "--html",
            paramLabel = "FILE",
            description = "Where to write the HTML report (charts inline, opens offline)."
                    + " Default: target/reports/demo-<date-time>.html.")
    Path html;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        fleet.validate();
        SaleSettings settings = new SaleSettings(
                items,
                stock,
                perUserLimit,
                requests,
                users,
                keyMode,
                popularity,
                quantity,
                seed,
                fleet.workers(),
                fleet.consumers(),
                fleet.partitions(),
                resultTimeout);
        List<StrategyName> chosen =
                strategies == null || strategies.isEmpty() ? List.of(StrategyName.values()) : strategies;
        PrintStream out = System.out;
        out.printf(
                Locale.ROOT,
                "flashsale demo: %d items x %d stock, %d requests from %d users, %s popularity, keyed by %s;"
                        + " %d workers x %d consumers; strategies %s%n",
                items,
                stock,
                requests,
                users,
                popularity,
                keyMode.name().toLowerCase(Locale.ROOT),
                fleet.workers(),
                fleet.consumers(),
                chosen);
        long started = System.nanoTime();
        List<StrategyRun> runs;
        RunContext context;
        try (LocalStack stack = LocalStack.start()) {
            out.printf(Locale.ROOT, "Servers ready in %.1f s: %s%n", seconds(started), stack.endpoints());
            if (warmup > 0) {
                warmUp(stack, settings.withRequests(warmup), chosen.get(0), out);
            }
            runs = runAll(stack, settings, chosen, progress, out, details);
            context = RunContext.of(
                    DemoCommand.class.getName(),
                    "demo.args",
                    spec.commandLine().getParseResult().originalArgs().toArray(String[]::new),
                    stack);
        }
        out.println();
        out.println("Comparison (same " + requests + " requests for every strategy)");
        out.print(ComparisonTable.render(runs));
        out.println();
        out.println("throughput: answered requests per second from the first request sent to the last result;"
                + " latency: request sent to its result seen by a read_committed reader.");
        if (json != null) {
            writeJson(runs, json);
            out.println("JSON written to " + json);
        }
        int status = exitStatus(runs);
        out.printf(
                Locale.ROOT,
                "%s Total %.1f s.%n",
                status == 0 ? "Every strategy kept its invariants." : "INVARIANTS BROKEN.",
                seconds(started));
        String sale = String.format(
                Locale.ROOT,
                "%d items x %d stock, %d requests from %d users, %s popularity, keyed by %s; %d workers x %d consumers",
                items,
                stock,
                requests,
                users,
                popularity,
                keyMode.name().toLowerCase(Locale.ROOT),
                fleet.workers(),
                fleet.consumers());
        Path written = DemoPage.of(runs, context, sale).write(html != null ? html : HtmlReport.defaultPath("demo"));
        out.println("Report: " + written);
        return status;
    }

    /** Runs the sale under each strategy in turn on {@code stack}, printing a line as each finishes. */
    public static List<StrategyRun> runAll(
            LocalStack stack,
            SaleSettings settings,
            List<StrategyName> strategies,
            ProgressMode progress,
            PrintStream out,
            boolean details) {
        IsolatedSale sale = new IsolatedSale(stack, settings, progress, out);
        List<StrategyRun> runs = new ArrayList<>();
        for (StrategyName strategy : strategies) {
            out.println();
            out.println("== " + strategy.id());
            StrategyRun run = sale.run(strategy);
            runs.add(run);
            if (details) {
                new ReportPrinter(out, ReportPrinter.DEFAULT_ITEMS_SHOWN).print(run.report());
            }
            out.printf(
                    Locale.ROOT,
                    "%s: %d of %d answered, %.0f requests/s, p99 %d ms, invariants %s (%s)%n",
                    strategy.id(),
                    run.report().answered(),
                    run.report().expectedResults(),
                    run.report().throughputPerSecond(),
                    run.report().latency().p99Ms(),
                    run.verdict(),
                    run.phases());
        }
        return runs;
    }

    /**
     * Runs a smaller sale once, unmeasured: the JIT compiler, connection pools and the broker's first transactions
     * would otherwise slow down whichever strategy happens to run first.
     */
    static void warmUp(LocalStack stack, SaleSettings settings, StrategyName strategy, PrintStream out) {
        long started = System.nanoTime();
        StrategyRun run = new IsolatedSale(stack, settings, ProgressMode.NONE, out).run(strategy);
        out.printf(
                Locale.ROOT,
                "Warm-up (not measured): %d requests under %s in %.1f s%n",
                run.report().answered(),
                strategy.id(),
                seconds(started));
    }

    /** 0 when every run is acceptable (see {@link StrategyRun#verdict()}), 1 otherwise. */
    public static int exitStatus(List<StrategyRun> runs) {
        return runs.stream().allMatch(run -> run.verdict().acceptable()) ? 0 : 1;
    }

    static void writeJson(List<StrategyRun> runs, Path file) {
        List<Map<String, Object>> entries = new ArrayList<>();
        for (StrategyRun run : runs) {
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("strategy", run.name());
            entry.put("verdict", run.verdict().name());
            entry.put("wallSeconds", run.wallTime().toMillis() / 1000.0);
            entry.put("report", run.report());
            entries.add(entry);
        }
        try {
            Path parent = file.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            Files.writeString(file, JsonReport.toJson(entries));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }

    private static double seconds(long startNanos) {
        return (System.nanoTime() - startNanos) / 1e9;
    }

    static CommandLine commandLine(Object command) {
        CommandLine commandLine = new CommandLine(command);
        commandLine.setCaseInsensitiveEnumValuesAllowed(true);
        commandLine.setExecutionExceptionHandler((exception, failed, parseResult) -> {
            if (exception instanceof IllegalArgumentException) {
                failed.getErr().println(exception.getMessage());
                return 2;
            }
            throw exception;
        });
        return commandLine;
    }

    public static void main(String[] args) {
        System.exit(commandLine(new DemoCommand()).execute(args));
    }
}
