package dev.flashsale.demo.chaos;

import dev.flashsale.demo.sale.StrategyRun;
import dev.flashsale.demo.sale.Timeline;
import dev.flashsale.sim.report.RunReport;
import dev.flashsale.sim.verify.Check;
import dev.flashsale.sim.verify.CheckResult;
import dev.flashsale.worker.strategy.StrategyName;
import java.util.Objects;

/**
 * One scenario's sale under one strategy: what the simulator verified, and how the decisions went over time.
 *
 * @param scenario the faults injected
 * @param strategy the strategy the workers decided with
 * @param report the simulator's report of the whole sale
 * @param timeline decisions over time, and the faults
 * @param workerLaunches worker processes started in all, replacements included
 */
public record ChaosResult(
        Scenario scenario, StrategyName strategy, RunReport report, Timeline timeline, int workerLaunches) {

    public ChaosResult {
        Objects.requireNonNull(scenario, "scenario");
        Objects.requireNonNull(strategy, "strategy");
        Objects.requireNonNull(report, "report");
        Objects.requireNonNull(timeline, "timeline");
    }

    /** Requests with a readable id that got no result (invariant 4). */
    public long lost() {
        return report.expectedResults() - report.answered() + (report.expectedDeadLetters() - report.deadLettered());
    }

    /** Requests that got two different results (invariant 2). */
    public int conflicting() {
        return offenders(Check.ONE_RESULT_PER_REQUEST);
    }

    /** Results with no matching order row (invariant 2). */
    public int withoutOrderRows() {
        return offenders(Check.RESULTS_MATCH_ORDERS);
    }

    public long oversold() {
        return report.oversoldUnits();
    }

    private int offenders(Check check) {
        return report.checks().stream()
                .filter(result -> result.check() == check)
                .mapToInt(CheckResult::offenderCount)
                .sum();
    }

    /**
     * Whether every invariant the strategy promises held. {@code distributed} alone may oversell when a lock holder
     * stalls past its lease (the article's own warning); everything else must hold for it too.
     */
    public StrategyRun.Verdict verdict() {
        return StrategyRun.Verdict.of(strategy, report);
    }
}
