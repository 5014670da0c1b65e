package dev.flashsale.demo.chaos;

import dev.flashsale.demo.sale.Timeline;
import dev.flashsale.sim.report.TextTable;
import java.util.List;
import java.util.Locale;

/** The chaos command's table: one row per scenario and strategy. */
public final class ChaosTable {

    private ChaosTable() {}

    public static String render(List<ChaosResult> results) {
        TextTable table = new TextTable(
                "scenario",
                "strategy",
                "sent",
                "answered",
                "lost",
                "conflicting",
                "oversold",
                "no order row",
                "longest gap s",
                "recovery s",
                "before/s",
                "during/s",
                "after/s",
                "workers started",
                "invariants");
        for (ChaosResult result : results) {
            Timeline timeline = result.timeline();
            table.row(
                    result.scenario().id(),
                    result.strategy().id(),
                    result.report().recordsSent(),
                    result.report().answered(),
                    result.lost(),
                    result.conflicting(),
                    result.oversold(),
                    result.withoutOrderRows(),
                    seconds(timeline.longestGapMs()),
                    timeline.recoveryText(),
                    rate(timeline.before()),
                    rate(timeline.during()),
                    rate(timeline.after()),
                    result.workerLaunches(),
                    verdict(result));
        }
        return table.render("  ");
    }

    public static String verdict(ChaosResult result) {
        return switch (result.verdict()) {
            case PASS -> "PASS";
            case EXPECTED_OVERSELL -> "FAIL: oversold (expected for distributed)";
            case FAIL ->
                "FAIL: "
                        + result.report().checks().stream()
                                .filter(check -> !check.passed())
                                .map(check -> check.check().title())
                                .reduce((a, b) -> a + ", " + b)
                                .orElse("answers missing");
        };
    }

    private static String seconds(long millis) {
        return String.format(Locale.ROOT, "%.1f", millis / 1000.0);
    }

    private static String rate(double perSecond) {
        return Double.isNaN(perSecond) ? "-" : String.format(Locale.ROOT, "%.0f", perSecond);
    }
}
