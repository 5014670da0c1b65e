package dev.flashsale.demo;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flashsale.demo.sale.ComparisonTable;
import dev.flashsale.demo.sale.SaleSettings;
import dev.flashsale.demo.sale.StrategyRun;
import dev.flashsale.sim.progress.ProgressMode;
import dev.flashsale.sim.workload.KeyMode;
import dev.flashsale.sim.workload.Popularity;
import dev.flashsale.sim.workload.QuantityRange;
import dev.flashsale.stack.LocalStack;
import dev.flashsale.worker.strategy.StrategyName;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The demo's logic in-process on a reduced sale, under every strategy, on the shared local stack. */
class DemoIT {

    private static final int ITEMS = 2;
    private static final int STOCK = 20;
    private static final int REQUESTS = 500;

    @Test
    void everyStrategyKeepsItsInvariantsOnAReducedSale() {
        SaleSettings settings = new SaleSettings(
                ITEMS,
                STOCK,
                null,
                REQUESTS,
                200,
                KeyMode.USER,
                new Popularity.Zipf(1.0),
                QuantityRange.fixed(1),
                42,
                3,
                2,
                6,
                Duration.ofSeconds(90));
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);

        List<StrategyRun> runs = DemoCommand.runAll(
                LocalStack.shared(), settings, List.of(StrategyName.values()), ProgressMode.NONE, out, false);

        String table = ComparisonTable.render(runs);
        System.out.println(bytes.toString(StandardCharsets.UTF_8));
        System.out.println(table);
        assertThat(runs).extracting(StrategyRun::strategy).containsExactly(StrategyName.values());
        for (StrategyRun run : runs) {
            assertThat(run.report().answered())
                    .as(run.strategy() + ": every request answered")
                    .isEqualTo(REQUESTS);
            assertThat(run.succeeded())
                    .as(run.strategy() + ": successes never exceed the stock")
                    .isLessThanOrEqualTo(ITEMS * STOCK);
            if (run.strategy() != StrategyName.DISTRIBUTED) {
                assertThat(run.verdict())
                        .as(run.strategy() + ": invariants " + run.report().checks())
                        .isEqualTo(StrategyRun.Verdict.PASS);
                assertThat(run.report().oversoldUnits()).isZero();
            } else {
                assertThat(run.verdict().acceptable())
                        .as("distributed may only oversell: " + run.report().checks())
                        .isTrue();
            }
        }
        assertThat(DemoCommand.exitStatus(runs)).isZero();
        assertThat(table).contains("strategy", "throughput/s", "p99 ms", "oversold", "invariants");
    }
}
