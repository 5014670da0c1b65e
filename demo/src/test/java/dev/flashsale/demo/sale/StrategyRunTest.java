package dev.flashsale.demo.sale;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flashsale.sim.report.LatencySummary;
import dev.flashsale.sim.report.RunReport;
import dev.flashsale.sim.verify.Check;
import dev.flashsale.sim.verify.CheckResult;
import dev.flashsale.sim.verify.ItemState;
import dev.flashsale.worker.strategy.StrategyName;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class StrategyRunTest {

    private static RunReport report(Set<Check> failing, long sold) {
        List<CheckResult> checks = Arrays.stream(Check.values())
                .map(check -> new CheckResult(
                        check, !failing.contains(check), "x", failing.contains(check) ? 1 : 0, List.of()))
                .toList();
        return new RunReport(
                "r",
                Set.of("x"),
                100,
                0,
                100,
                100,
                0,
                0,
                true,
                Map.of("SUCCEEDED", sold, "REJECTED", 100 - sold, "FAILED", 0L),
                Map.of("SUCCEEDED", sold, "REJECTED/SOLD_OUT", 100 - sold),
                1,
                100,
                LatencySummary.EMPTY,
                List.of(new ItemState("sku-1", 10, 0, null, sold)),
                checks,
                failing.isEmpty());
    }

    private static StrategyRun run(StrategyName strategy, RunReport report) {
        Duration second = Duration.ofSeconds(1);
        return new StrategyRun(strategy, report, new StrategyRun.Phases(second, second, second, second));
    }

    @Test
    void aRunThatKeepsEveryInvariantPasses() {
        StrategyRun run = run(StrategyName.ATOMIC, report(Set.of(), 10));
        assertThat(run.verdict()).isEqualTo(StrategyRun.Verdict.PASS);
        assertThat(run.succeeded()).isEqualTo(10);
        assertThat(run.soldOut()).isEqualTo(90);
        assertThat(run.otherOutcomes()).isZero();
        assertThat(run.wallTime()).isEqualTo(Duration.ofSeconds(4));
    }

    @Test
    void onlyDistributedMayOversell() {
        RunReport oversold = report(Set.of(Check.NO_OVERSELL), 12);
        assertThat(run(StrategyName.DISTRIBUTED, oversold).verdict()).isEqualTo(StrategyRun.Verdict.EXPECTED_OVERSELL);
        assertThat(run(StrategyName.DISTRIBUTED, oversold).verdict().acceptable())
                .isTrue();
        for (StrategyName other : StrategyName.values()) {
            if (other != StrategyName.DISTRIBUTED) {
                assertThat(run(other, oversold).verdict()).as(other.id()).isEqualTo(StrategyRun.Verdict.FAIL);
            }
        }
        assertThat(ComparisonTable.invariants(run(StrategyName.DISTRIBUTED, oversold)))
                .isEqualTo("FAIL: oversold (expected for distributed)");
    }

    @Test
    void distributedBreakingAnythingElseFails() {
        RunReport lost = report(Set.of(Check.NO_OVERSELL, Check.NOTHING_MISSING), 12);
        assertThat(run(StrategyName.DISTRIBUTED, lost).verdict()).isEqualTo(StrategyRun.Verdict.FAIL);
        assertThat(ComparisonTable.invariants(run(StrategyName.DISTRIBUTED, lost)))
                .isEqualTo("FAIL: no oversell, nothing missing");
    }

    @Test
    void theTableShowsEveryRunWithItsThroughputRelativeToTheBest() {
        String table = ComparisonTable.render(List.of(
                run(StrategyName.ATOMIC, report(Set.of(), 10)),
                run(StrategyName.OPTIMISTIC, report(Set.of(Check.PER_USER_LIMIT), 10))));
        assertThat(table).contains("atomic", "optimistic", "1.00x", "PASS", "FAIL: per-user limits held");
    }
}
