package dev.flashsale.demo.sale;

import dev.flashsale.sim.report.TextTable;
import java.util.List;
import java.util.Locale;

/** The demo's one table: every strategy's run side by side. */
public final class ComparisonTable {

    private ComparisonTable() {}

    public static String render(List<StrategyRun> runs) {
        double best = runs.stream()
                .mapToDouble(run -> run.report().throughputPerSecond())
                .max()
                .orElse(0);
        TextTable table = new TextTable(
                "strategy",
                "throughput/s",
                "vs best",
                "p50 ms",
                "p99 ms",
                "succeeded",
                "sold out",
                "conflicts",
                "lock timeouts",
                "other",
                "oversold",
                "invariants");
        for (StrategyRun run : runs) {
            table.row(
                    run.name(),
                    String.format(Locale.ROOT, "%.0f", run.report().throughputPerSecond()),
                    best == 0
                            ? null
                            : String.format(Locale.ROOT, "%.2fx", run.report().throughputPerSecond() / best),
                    run.report().latency().p50Ms(),
                    run.report().latency().p99Ms(),
                    run.succeeded(),
                    run.soldOut(),
                    run.conflicts(),
                    run.lockTimeouts(),
                    run.otherOutcomes(),
                    run.report().oversoldUnits(),
                    invariants(run));
        }
        return table.render("  ");
    }

    static String invariants(StrategyRun run) {
        return switch (run.verdict()) {
            case PASS -> "PASS";
            case EXPECTED_OVERSELL -> "FAIL: oversold (expected for distributed)";
            case FAIL ->
                "FAIL: "
                        + run.failedChecks().stream()
                                .map(check -> check.title())
                                .reduce((a, b) -> a + ", " + b)
                                .orElse("records not delivered");
        };
    }
}
