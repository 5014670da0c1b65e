package dev.flashsale.demo;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flashsale.demo.bench.BenchReport;
import dev.flashsale.demo.bench.BenchSample;
import dev.flashsale.demo.bench.BenchWorkload;
import dev.flashsale.demo.bench.CeilingRun;
import dev.flashsale.demo.bench.DatabaseCeiling;
import dev.flashsale.demo.bench.PassThroughWorker;
import dev.flashsale.demo.process.CpuMeter;
import dev.flashsale.demo.sale.IsolatedSale;
import dev.flashsale.demo.sale.RunPlan;
import dev.flashsale.demo.sale.SaleSettings;
import dev.flashsale.demo.sale.StrategyRun;
import dev.flashsale.demo.sale.WorkerRuntime;
import dev.flashsale.sim.progress.ProgressMode;
import dev.flashsale.stack.LocalStack;
import dev.flashsale.worker.strategy.StrategyName;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The benchmark's machinery on a tiny hot sale, with worker processes of their own as the benchmark runs them: the
 * three ceilings, one strategy at its peak and at half of it, CPU per part, medians and CSV.
 */
class BenchIT {

    private static final int REQUESTS = 300;
    private static final Duration WARMUP = Duration.ofMillis(1);

    @TempDir
    Path dir;

    @Test
    void measuresTheCeilingsAndAStrategyOnTheSameRequests() throws IOException {
        LocalStack stack = LocalStack.shared();
        SaleSettings settings = new SaleSettings(
                1,
                100,
                null,
                REQUESTS,
                50,
                BenchWorkload.HOT.settings(0, 1, 1, 1, 1, Duration.ofSeconds(1)).keyMode(),
                BenchWorkload.HOT.settings(0, 1, 1, 1, 1, Duration.ofSeconds(1)).popularity(),
                dev.flashsale.sim.workload.QuantityRange.fixed(1),
                42,
                2,
                2,
                4,
                Duration.ofSeconds(90));
        WorkerRuntime forked =
                new WorkerRuntime.Forked(List.of("-Xmx256m"), PassThroughWorker.class.getName(), dir.resolve("logs"));
        IsolatedSale sale = new IsolatedSale(
                stack, settings, ProgressMode.NONE, System.out, forked, java.util.function.UnaryOperator.identity());
        List<BenchSample> samples = new ArrayList<>();
        for (DatabaseCeiling.Transaction transaction : DatabaseCeiling.Transaction.values()) {
            samples.add(CeilingRun.measure(stack, sale, settings, BenchWorkload.HOT, 1, transaction));
        }
        BenchSample kafka = BenchSample.of(
                BenchWorkload.HOT,
                1,
                BenchSample.Kind.CEILING,
                0,
                sale.run(new RunPlan(PassThroughWorker.NAME, null, 0, REQUESTS, WARMUP)));
        StrategyRun peak = sale.run(new RunPlan("atomic", StrategyName.ATOMIC, 0, REQUESTS, WARMUP));
        samples.add(BenchSample.of(BenchWorkload.HOT, 1, BenchSample.Kind.STRATEGY, 0, peak));
        StrategyRun half = sale.run(new RunPlan("atomic", StrategyName.ATOMIC, 200, REQUESTS, WARMUP));
        BenchSample halfPeak = BenchSample.of(BenchWorkload.HOT, 1, BenchSample.Kind.HALF_PEAK, 200, half);

        assertThat(kafka.requests())
                .as("the Kafka ceiling answers every request")
                .isEqualTo(REQUESTS);
        assertThat(kafka.succeeded()).as("and decides nothing").isZero();
        assertThat(kafka.verdict())
                .as("one result per request, nothing missing")
                .isEqualTo("PASS");
        assertThat(halfPeak.verdict()).isEqualTo("PASS");
        assertThat(halfPeak.seconds())
                .as("300 requests at 200/s take about 1.5 s: the rate was held")
                .isGreaterThan(1.2);
        if (dev.flashsale.demo.process.ProcessCpu.available()) {
            assertThat(peak.cpuPerThousand(CpuMeter.Part.WORKERS))
                    .as("the worker processes' CPU is measured")
                    .isPositive();
            assertThat(peak.cpuPerThousand(CpuMeter.Part.DATABASE))
                    .as("so is the database's")
                    .isPositive();
        }

        assertThat(samples).allSatisfy(sample -> {
            assertThat(sample.requests()).as(sample.name()).isEqualTo(REQUESTS);
            assertThat(sample.succeeded())
                    .as(sample.name() + ": exactly the stock is sold, as every strategy must")
                    .isEqualTo(100);
            assertThat(sample.oversold()).isZero();
            assertThat(sample.verdict()).isEqualTo("PASS");
            assertThat(sample.throughputPerSecond()).isPositive();
        });

        samples.add(kafka);
        samples.add(halfPeak);
        String table = BenchReport.table(BenchWorkload.HOT, samples);
        System.out.println(table);
        System.out.println(BenchReport.cpuTable(BenchWorkload.HOT, samples));
        assertThat(table)
                .contains("ceiling-guarded", "ceiling-pessimistic", "ceiling-kafka", "atomic", "of kafka")
                .contains("half-peak p99");
        Path csv = dir.resolve("bench.csv");
        BenchReport.writeCsv(samples, csv);
        List<String> lines = Files.readAllLines(csv);
        assertThat(lines)
                .hasSize(6)
                .first()
                .asString()
                .startsWith("workload,repeat,name,kind,requests,seconds,throughput_per_s,p50_ms,p99_ms,succeeded,"
                        + "failed,oversold,verdict,");
        assertThat(lines).anyMatch(line -> line.startsWith("hot,1,ceiling-kafka,ceiling,"));
        assertThat(lines).anyMatch(line -> line.startsWith("hot,1,atomic,half-peak,"));
    }
}
