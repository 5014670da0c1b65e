package dev.flashsale.demo.report;

import dev.flashsale.demo.chaos.ChaosResult;
import dev.flashsale.demo.sale.Fault;
import dev.flashsale.demo.sale.Timeline;
import java.util.List;
import java.util.Locale;

/**
 * The chaos command's report: the longest pause of every scenario at a glance, then each sale's decisions per second
 * with its faults marked.
 */
public final class ChaosPage {

    private ChaosPage() {}

    public static HtmlReport of(List<ChaosResult> results, RunContext context, String settings) {
        boolean pass = results.stream().allMatch(result -> result.verdict().acceptable());
        HtmlReport page = new HtmlReport("flashsale chaos: sales under faults", context)
                .fact("settings", settings)
                .verdict(
                        pass,
                        pass
                                ? "Every sale kept the invariants its strategy promises, through every fault."
                                : "An invariant broke: see the runs marked FAIL.");
        List<String> names = results.stream().map(ChaosPage::name).toList();
        BarChart gaps = new BarChart(
                        "Longest pause in decisions, per scenario and strategy",
                        "seconds without a committed decision (the longest stretch in the sale)",
                        names)
                .series(
                        "longest gap",
                        Colors.PEAK,
                        results.stream()
                                .mapToDouble(result -> result.timeline().longestGapMs() / 1000.0)
                                .toArray())
                .badges(Pages.badges(
                        results.stream().map(result -> result.verdict().name()).toList()));
        HtmlTable table = new HtmlTable(
                "scenario",
                "strategy",
                "sent",
                "answered",
                "lost",
                "oversold",
                "longest gap s",
                "recovery s",
                "before/s",
                "after/s",
                "workers started",
                "invariants");
        for (ChaosResult result : results) {
            Timeline timeline = result.timeline();
            table.row(
                    result.scenario().id(),
                    result.strategy().id(),
                    Pages.count(result.report().recordsSent()),
                    Pages.count(result.report().answered()),
                    Pages.count(result.lost()),
                    Pages.count(result.oversold()),
                    seconds(timeline.longestGapMs()),
                    timeline.recoveryText(),
                    rate(timeline.before()),
                    rate(timeline.after()),
                    result.workerLaunches(),
                    result.verdict().name());
        }
        page.section(
                "Every scenario at a glance",
                "The longest time a read_committed reader waited between two decisions; the verdict of the invariant"
                        + " checks on the right. Recovery: from a fault until what waited for an answer was back to"
                        + " normal for good.",
                gaps.svg(),
                table);
        for (ChaosResult result : results) {
            LineChart chart = new LineChart(name(result) + ": decisions per second");
            chart.line(
                    result.strategy().id(),
                    Colors.PEAK,
                    result.timeline().decisionsPerSecond(),
                    result.timeline().bucketMs() / 1000.0);
            long start = result.timeline().startMs();
            for (Fault fault : result.timeline().faults()) {
                chart.marker(new LineChart.Marker((fault.atMs() - start) / 1000.0, fault.label(), fault.start()));
            }
            page.section(
                    name(result) + " (" + result.verdict().name() + ")",
                    result.scenario().description() + "; longest gap "
                            + seconds(result.timeline().longestGapMs())
                            + " s.",
                    chart.svg(),
                    null);
        }
        return page;
    }

    private static String name(ChaosResult result) {
        return result.scenario().id() + " / " + result.strategy().id();
    }

    private static String seconds(long millis) {
        return String.format(Locale.ROOT, "%.1f", millis / 1000.0);
    }

    private static String rate(double perSecond) {
        return Double.isNaN(perSecond) ? null : String.format(Locale.ROOT, "%.0f", perSecond);
    }
}
