package dev.flashsale.demo.report;

import dev.flashsale.demo.sale.StrategyRun;
import java.util.List;

/** The demo's report: the same sale under each strategy, as throughput, latency, outcomes and decisions over time. */
public final class DemoPage {

    private DemoPage() {}

    public static HtmlReport of(List<StrategyRun> runs, RunContext context, String sale) {
        List<String> names = runs.stream().map(StrategyRun::name).toList();
        boolean pass = runs.stream().allMatch(run -> run.verdict().acceptable());
        HtmlReport page = new HtmlReport("flashsale demo: one sale under each strategy", context)
                .fact("sale", sale)
                .verdict(
                        pass,
                        pass
                                ? "Every strategy kept the invariants it promises."
                                : "An invariant broke: see the strategies marked FAIL.");

        BarChart throughput = new BarChart(
                        "Throughput per strategy",
                        "requests decided per second (first sent to last result seen)",
                        names)
                .series(
                        "throughput",
                        Colors.PEAK,
                        values(runs, run -> run.report().throughputPerSecond()))
                .badges(Pages.badges(
                        runs.stream().map(run -> run.verdict().name()).toList()));
        HtmlTable numbers =
                new HtmlTable("strategy", "answered", "requests/s", "p50 ms", "p99 ms", "oversold", "invariants");
        for (StrategyRun run : runs) {
            numbers.row(
                    run.name(),
                    Pages.count(run.report().answered()),
                    Pages.count(Math.round(run.report().throughputPerSecond())),
                    Pages.count(run.report().latency().p50Ms()),
                    Pages.count(run.report().latency().p99Ms()),
                    Pages.count(run.report().oversoldUnits()),
                    run.verdict().name());
        }
        page.section(
                "Throughput",
                "The same requests, in the same order, for every strategy; the verdict of the invariant checks is on"
                        + " the right.",
                throughput.svg(),
                numbers);

        BarChart latency = new BarChart(
                        "Latency per strategy", "milliseconds from request sent to result seen (log scale)", names)
                .series(
                        "p50",
                        Colors.PEAK,
                        values(runs, run -> run.report().latency().p50Ms()))
                .series(
                        "p99",
                        Colors.PEAK_TAIL,
                        values(runs, run -> run.report().latency().p99Ms()))
                .logScale();
        page.section(
                "Latency",
                "Requests are sent as fast as the simulator can, so latency includes the wait behind the requests sent"
                        + " before: it measures how long the backlog takes to clear, not one decision.",
                latency.svg(),
                null);

        page.section(
                "Outcomes",
                "How the requests ended: bought, refused because the stock was gone, or failed by the strategy itself"
                        + " (optimistic conflicts, lock waits that ran out).",
                Pages.outcomes(
                                "Outcomes per strategy",
                                names,
                                runs.stream().map(StrategyRun::outcomeGroups).toList())
                        .svg(),
                null);

        LineChart overTime = new LineChart("Decisions per second, each strategy from its own first request");
        for (int i = 0; i < runs.size(); i++) {
            StrategyRun run = runs.get(i);
            if (run.timeline() != null) {
                overTime.line(
                        run.name(),
                        Colors.line(i),
                        run.timeline().decisionsPerSecond(),
                        run.timeline().bucketMs() / 1000.0);
            }
        }
        page.section(
                "Decisions over time",
                "Results seen per second by a read_committed reader, each strategy's sale from its own first request.",
                overTime.svg(),
                null);
        return page;
    }

    private static double[] values(List<StrategyRun> runs, java.util.function.ToDoubleFunction<StrategyRun> value) {
        return runs.stream().mapToDouble(value).toArray();
    }
}
