package dev.flashsale.sim.report;

import dev.flashsale.sim.verify.CheckResult;
import dev.flashsale.sim.verify.ItemState;
import java.io.PrintStream;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Prints a {@link RunReport} as readable text. */
public final class ReportPrinter {

    /** Items listed in the text; the JSON report has them all. */
    public static final int DEFAULT_ITEMS_SHOWN = 20;

    private final PrintStream out;
    private final int itemsShown;

    public ReportPrinter(PrintStream out, int itemsShown) {
        this.out = out;
        this.itemsShown = itemsShown;
    }

    public void print(RunReport report) {
        out.println();
        out.printf(
                Locale.ROOT,
                "Run %s%s: %d records sent%s%n",
                report.runId() == null ? "(whole topic)" : report.runId(),
                report.strategies().isEmpty() ? "" : " (strategy " + String.join(", ", report.strategies()) + ")",
                report.recordsSent(),
                report.sendFailures() == 0 ? "" : ", " + report.sendFailures() + " NOT delivered by the producer");
        out.printf(
                Locale.ROOT,
                "  answered       %d of %d requests%s%n",
                report.answered(),
                report.expectedResults(),
                report.complete() ? "" : "  (timed out waiting for the rest)");
        out.printf(
                Locale.ROOT,
                "  dead letters   %d of %d records without a readable request id%n",
                report.deadLettered(),
                report.expectedDeadLetters());
        out.printf(
                Locale.ROOT,
                "  throughput     %.1f requests/s over %.2f s (first request sent to last result)%n",
                report.throughputPerSecond(),
                report.durationSeconds());
        LatencySummary latency = report.latency();
        out.printf(
                Locale.ROOT,
                "  latency        p50 %d ms, p95 %d ms, p99 %d ms, max %d ms"
                        + " (result record timestamp - request record timestamp)%n",
                latency.p50Ms(),
                latency.p95Ms(),
                latency.p99Ms(),
                latency.maxMs());

        out.println();
        out.println("Results (first result of each request)");
        TextTable results = new TextTable("status", "reason", "count");
        for (Map.Entry<String, Long> entry : report.byReason().entrySet()) {
            String[] parts = entry.getKey().split("/", 2);
            results.row(parts[0], parts.length > 1 ? parts[1] : null, entry.getValue());
        }
        out.print(results.render("  "));

        out.println();
        out.println("Items (sold vs stock)");
        TextTable items = new TextTable("item", "initial", "sold", "stock", "per-user limit", "oversold");
        List<ItemState> all = report.items();
        all.stream()
                .limit(itemsShown)
                .forEach(item -> items.row(
                        item.itemId(),
                        item.initialStock(),
                        item.sold(),
                        item.stock(),
                        item.perUserLimit(),
                        item.oversold()));
        out.print(items.render("  "));
        if (all.size() > itemsShown) {
            long sold = all.stream().mapToLong(ItemState::sold).sum();
            long initial = all.stream().mapToLong(ItemState::initialStock).sum();
            out.printf(
                    Locale.ROOT,
                    "  ... %d more items; all %d together sold %d of %d%n",
                    all.size() - itemsShown,
                    all.size(),
                    sold,
                    initial);
        }

        out.println();
        out.println("Invariants");
        for (CheckResult check : report.checks()) {
            out.printf(
                    Locale.ROOT,
                    "  %s  %d %-24s %s%n",
                    check.passed() ? "PASS" : "FAIL",
                    check.check().invariant(),
                    check.check().title(),
                    check.summary());
            for (String offender : check.offenders()) {
                out.println("          " + offender);
            }
            if (check.offenderCount() > check.offenders().size()) {
                out.printf(
                        Locale.ROOT,
                        "          ... and %d more%n",
                        check.offenderCount() - check.offenders().size());
            }
        }
        out.println();
        out.println(report.passed() ? "All invariants hold." : "INVARIANTS BROKEN (see FAIL above).");
    }
}
