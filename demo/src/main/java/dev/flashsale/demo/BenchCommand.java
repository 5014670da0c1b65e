package dev.flashsale.demo;

import dev.flashsale.demo.bench.BenchReport;
import dev.flashsale.demo.bench.BenchSample;
import dev.flashsale.demo.bench.BenchWorkload;
import dev.flashsale.demo.bench.CeilingRun;
import dev.flashsale.demo.bench.DatabaseCeiling;
import dev.flashsale.demo.sale.IsolatedSale;
import dev.flashsale.demo.sale.SaleSettings;
import dev.flashsale.demo.sale.StrategyRun;
import dev.flashsale.sim.cli.DurationConverter;
import dev.flashsale.sim.progress.ProgressMode;
import dev.flashsale.stack.LocalStack;
import dev.flashsale.worker.strategy.StrategyName;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The benchmark: runs named workloads several times under each strategy, and in the same run measures what the
 * database alone can do with the same requests (the ceiling), then prints medians and writes every raw number.
 */
@Command(
        name = "bench",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        usageHelpAutoWidth = true,
        description = {
            "Runs each workload --repeat times under each strategy (same requests every time) on real Kafka,"
                    + " PostgreSQL and Redis, plus two database ceilings over plain JDBC: the guarded decrement and the"
                    + " pessimistic transaction, on as many threads as the workers have consumers.",
            "Prints the medians and writes every sample to a CSV file.",
            ""
        },
        footer = {"", "Exit status: 0 when every run kept its invariants (distributed may oversell), 1 otherwise."})
public final class BenchCommand implements Callable<Integer> {

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
            description = "Strategies, comma separated. Default: all.")
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
            defaultValue = "5000",
            description = "Requests of an unmeasured warm-up run first; 0 skips it. Default: ${DEFAULT-VALUE}.")
    int warmup;

    @Option(names = "--no-ceiling", negatable = false, description = "Skip the database ceilings.")
    boolean noCeiling;

    @Option(names = "--seed", defaultValue = "42", description = "Workload seed. Default: ${DEFAULT-VALUE}.")
    long seed;

    @Option(names = "--workers", defaultValue = "3", description = "Worker instances. Default: ${DEFAULT-VALUE}.")
    int workers;

    @Option(
            names = "--consumers",
            defaultValue = "4",
            description = "Consumer threads per worker; the ceilings use workers x consumers JDBC threads."
                    + " Default: ${DEFAULT-VALUE}.")
    int consumers;

    @Option(
            names = "--partitions",
            defaultValue = "12",
            description = "Partitions of the requests and results topics. Default: ${DEFAULT-VALUE}.")
    int partitions;

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
            names = "--progress",
            defaultValue = "plain",
            description = "Progress display: ${COMPLETION-CANDIDATES}. Default: ${DEFAULT-VALUE}.")
    ProgressMode progress;

    @Override
    public Integer call() {
        if (repeat < 1) {
            throw new IllegalArgumentException("--repeat must be at least 1, got " + repeat);
        }
        if (requests < 0) {
            throw new IllegalArgumentException("--requests must not be negative, got " + requests);
        }
        List<StrategyName> chosen =
                strategies == null || strategies.isEmpty() ? List.of(StrategyName.values()) : strategies;
        Path csv = out != null
                ? out
                : Path.of(
                        "target",
                        "bench",
                        "bench-" + LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")) + ".csv");
        PrintStream console = System.out;
        long started = System.nanoTime();
        List<BenchSample> samples = new ArrayList<>();
        try (LocalStack stack = LocalStack.start()) {
            console.println("Servers: " + stack.endpoints());
            if (warmup > 0) {
                SaleSettings warm = settings(workloads.get(0)).withRequests(warmup);
                DemoCommand.warmUp(stack, warm, chosen.get(0), console);
            }
            for (BenchWorkload workload : workloads) {
                SaleSettings settings = settings(workload);
                IsolatedSale sale = new IsolatedSale(stack, settings, progress, console);
                for (int r = 1; r <= repeat; r++) {
                    if (!noCeiling) {
                        for (DatabaseCeiling.Transaction transaction : DatabaseCeiling.Transaction.values()) {
                            BenchSample sample = CeilingRun.measure(stack, sale, settings, workload, r, transaction);
                            samples.add(sample);
                            announce(console, sample);
                        }
                    }
                    for (StrategyName strategy : chosen) {
                        StrategyRun run = sale.run(strategy);
                        BenchSample sample = BenchSample.of(workload, r, run);
                        samples.add(sample);
                        announce(console, sample);
                    }
                }
            }
        }
        BenchReport.writeCsv(samples, csv);
        for (BenchWorkload workload : workloads) {
            SaleSettings settings = settings(workload);
            console.println();
            console.printf(
                    Locale.ROOT,
                    "Workload %s: %d item(s) x %d stock, %d requests keyed by %s, %s popularity; %d workers x %d"
                            + " consumers; median of %d run(s)%n",
                    workload.id(),
                    settings.items(),
                    settings.stock(),
                    settings.requests(),
                    settings.keyMode().name().toLowerCase(Locale.ROOT),
                    settings.popularity(),
                    workers,
                    consumers,
                    repeat);
            console.print(BenchReport.table(workload, samples));
        }
        console.println();
        console.println("Ceilings: the same requests as one JDBC transaction each on " + (workers * consumers)
                + " threads, no Kafka. Throughput: requests decided per second; strategies: first request sent to"
                + " last result.");
        console.printf(
                Locale.ROOT,
                "Raw samples: %s. Total %.0f s.%n",
                csv.toAbsolutePath(),
                (System.nanoTime() - started) / 1e9);
        boolean acceptable =
                samples.stream().noneMatch(sample -> sample.verdict().equals("FAIL"));
        return acceptable ? 0 : 1;
    }

    private SaleSettings settings(BenchWorkload workload) {
        return workload.settings(requests, seed, workers, consumers, partitions, resultTimeout);
    }

    private static void announce(PrintStream console, BenchSample sample) {
        console.printf(
                Locale.ROOT,
                "%s #%d %-20s %8.0f requests/s  %s%n",
                sample.workload().id(),
                sample.repeat(),
                sample.name(),
                sample.throughputPerSecond(),
                sample.verdict());
    }

    public static void main(String[] args) {
        System.exit(DemoCommand.commandLine(new BenchCommand()).execute(args));
    }
}
