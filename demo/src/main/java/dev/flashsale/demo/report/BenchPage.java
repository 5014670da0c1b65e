package dev.flashsale.demo.report;

import dev.flashsale.demo.bench.BenchReport;
import dev.flashsale.demo.bench.BenchSample;
import dev.flashsale.demo.bench.BenchWorkload;
import dev.flashsale.demo.bench.DatabaseCeiling;
import dev.flashsale.demo.bench.PassThroughWorker;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.ToDoubleFunction;

/**
 * The benchmark's report: per workload, each strategy's throughput against the three ceilings, its latency at the
 * peak and at half of it, and how its requests ended.
 */
public final class BenchPage {

    private BenchPage() {}

    /** The charts of one workload, kept apart so that one can also be written as a file of its own. */
    public record WorkloadCharts(BenchWorkload workload, String throughput, String latency, String outcomes) {}

    public static Map<BenchWorkload, WorkloadCharts> charts(List<BenchWorkload> workloads, List<BenchSample> samples) {
        Map<BenchWorkload, WorkloadCharts> charts = new LinkedHashMap<>();
        for (BenchWorkload workload : workloads) {
            List<BenchReport.Row> rows = BenchReport.rows(workload, samples);
            if (rows.isEmpty()) {
                continue;
            }
            List<BenchReport.Row> strategies =
                    rows.stream().filter(row -> !row.ceiling()).toList();
            List<String> names = strategies.stream().map(BenchReport.Row::name).toList();
            BarChart throughput = new BarChart(
                            workload.id() + ": throughput per strategy against the ceilings",
                            "requests decided per second (median)",
                            names)
                    .series("strategy at its peak", Colors.PEAK, values(strategies, BenchReport.Row::throughput))
                    .reference(
                            "JDBC guarded ceiling",
                            Colors.CEILING_GUARDED,
                            ceiling(rows, DatabaseCeiling.Transaction.GUARDED_DECREMENT.label()))
                    .reference(
                            "JDBC pessimistic ceiling",
                            Colors.CEILING_PESSIMISTIC,
                            ceiling(rows, DatabaseCeiling.Transaction.PESSIMISTIC.label()))
                    .reference(
                            "Kafka pass-through ceiling", Colors.CEILING_KAFKA, ceiling(rows, PassThroughWorker.NAME))
                    .badges(Pages.badges(
                            strategies.stream().map(BenchReport.Row::verdict).toList()));
            BarChart latency = new BarChart(
                            workload.id() + ": latency at the peak and at half of it",
                            "milliseconds from request sent to result seen (median of runs, log scale)",
                            names)
                    .series("p50 at the peak", Colors.PEAK, values(strategies, BenchReport.Row::p50Ms))
                    .series("p99 at the peak", Colors.PEAK_TAIL, values(strategies, BenchReport.Row::p99Ms))
                    .series(
                            "p50 at half of the peak",
                            Colors.HALF_PEAK,
                            values(strategies, BenchReport.Row::halfPeakP50Ms))
                    .series(
                            "p99 at half of the peak",
                            Colors.HALF_PEAK_TAIL,
                            values(strategies, BenchReport.Row::halfPeakP99Ms))
                    .logScale();
            ShareChart outcomes = Pages.outcomes(
                    workload.id() + ": how the requests ended",
                    names,
                    strategies.stream().map(BenchReport.Row::outcomes).toList());
            charts.put(workload, new WorkloadCharts(workload, throughput.svg(), latency.svg(), outcomes.svg()));
        }
        return charts;
    }

    public static HtmlReport of(
            List<BenchWorkload> workloads,
            List<BenchSample> samples,
            RunContext context,
            Map<BenchWorkload, String> workloadText,
            String anchor) {
        boolean pass = samples.stream().noneMatch(sample -> sample.verdict().equals("FAIL"));
        HtmlReport page = new HtmlReport("flashsale benchmark: strategies against the ceilings", context)
                .verdict(
                        pass,
                        pass
                                ? "Every run kept the invariants its strategy promises."
                                : "An invariant broke: see the strategies marked FAIL.");
        workloadText.forEach((workload, text) -> page.fact(workload.id(), text));
        if (anchor != null) {
            page.fact("anchor", anchor);
        }
        Map<BenchWorkload, WorkloadCharts> charts = charts(workloads, samples);
        for (WorkloadCharts chart : charts.values()) {
            BenchWorkload workload = chart.workload();
            List<BenchReport.Row> rows = BenchReport.rows(workload, samples);
            page.section(
                    workload.id() + ": throughput",
                    "Bars: each strategy at its peak. Dashed lines: what the database alone carries over JDBC (the"
                            + " guarded decrement, the pessimistic transaction) and what the Kafka pipeline carries"
                            + " with nothing to decide. Right: the invariants over every run of the strategy.",
                    chart.throughput(),
                    numbers(rows));
            page.section(
                    workload.id() + ": latency",
                    "At the peak, requests are sent as fast as possible, so latency includes the backlog; at half of"
                            + " the peak, requests are sent at half that rate, so it shows what one request waits under"
                            + " a load the strategy carries.",
                    chart.latency(),
                    null);
            page.section(
                    workload.id() + ": outcomes", "How the requests of the median run ended.", chart.outcomes(), null);
        }
        return page;
    }

    private static HtmlTable numbers(List<BenchReport.Row> rows) {
        HtmlTable table = new HtmlTable(
                "name",
                "runs",
                "requests/s",
                "of guarded",
                "of kafka",
                "p50 ms",
                "p99 ms",
                "half-peak p50 ms",
                "half-peak p99 ms",
                "oversold",
                "invariants");
        for (BenchReport.Row row : rows) {
            table.row(
                    row.name(),
                    row.runs(),
                    Pages.count(Math.round(row.throughput())),
                    Pages.decimal(row.ofGuarded()),
                    Pages.decimal(row.ofKafka()),
                    whole(row.p50Ms()),
                    whole(row.p99Ms()),
                    whole(row.halfPeakP50Ms()),
                    whole(row.halfPeakP99Ms()),
                    Pages.count(row.oversold()),
                    row.verdict());
        }
        return table;
    }

    private static String whole(double value) {
        return Double.isNaN(value) ? null : Pages.count(Math.round(value));
    }

    private static double ceiling(List<BenchReport.Row> rows, String name) {
        return rows.stream()
                .filter(row -> row.name().equals(name))
                .mapToDouble(BenchReport.Row::throughput)
                .findFirst()
                .orElse(Double.NaN);
    }

    private static double[] values(List<BenchReport.Row> rows, ToDoubleFunction<BenchReport.Row> value) {
        return rows.stream().mapToDouble(value).toArray();
    }
}
