package dev.flashsale.demo;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flashsale.demo.bench.BenchReport;
import dev.flashsale.demo.bench.BenchSample;
import dev.flashsale.demo.bench.BenchWorkload;
import dev.flashsale.demo.bench.CeilingRun;
import dev.flashsale.demo.bench.DatabaseCeiling;
import dev.flashsale.demo.sale.IsolatedSale;
import dev.flashsale.demo.sale.SaleSettings;
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

/** The benchmark's machinery on a tiny hot sale: both database ceilings and one strategy, medians and CSV. */
class BenchIT {

    private static final int REQUESTS = 300;

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
        IsolatedSale sale = new IsolatedSale(stack, settings, ProgressMode.NONE, System.out);
        List<BenchSample> samples = new ArrayList<>();
        for (DatabaseCeiling.Transaction transaction : DatabaseCeiling.Transaction.values()) {
            samples.add(CeilingRun.measure(stack, sale, settings, BenchWorkload.HOT, 1, transaction));
        }
        samples.add(BenchSample.of(BenchWorkload.HOT, 1, sale.run(StrategyName.ATOMIC)));

        assertThat(samples).allSatisfy(sample -> {
            assertThat(sample.requests()).as(sample.name()).isEqualTo(REQUESTS);
            assertThat(sample.succeeded())
                    .as(sample.name() + ": exactly the stock is sold, as every strategy must")
                    .isEqualTo(100);
            assertThat(sample.oversold()).isZero();
            assertThat(sample.verdict()).isEqualTo("PASS");
            assertThat(sample.throughputPerSecond()).isPositive();
        });

        String table = BenchReport.table(BenchWorkload.HOT, samples);
        System.out.println(table);
        assertThat(table).contains("ceiling-guarded", "ceiling-pessimistic", "atomic", "of guarded ceiling");
        Path csv = dir.resolve("bench.csv");
        BenchReport.writeCsv(samples, csv);
        assertThat(Files.readAllLines(csv))
                .hasSize(4)
                .first()
                .asString()
                .startsWith("workload,repeat,name,kind,requests,seconds,throughput_per_s");
    }
}
