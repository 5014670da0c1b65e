package dev.flashsale.demo.report;

import dev.flashsale.demo.sale.Outcomes;
import java.util.List;
import java.util.Locale;
import java.util.function.ToLongFunction;

/** Pieces the demo, benchmark and chaos reports share. */
final class Pages {

    private Pages() {}

    /** A verdict badge per row, coloured by what it says. */
    static List<BarChart.Badge> badges(List<String> verdicts) {
        return verdicts.stream()
                .map(verdict -> new BarChart.Badge(
                        verdict.equals("EXPECTED_OVERSELL") ? "oversold (expected)" : verdict, Colors.verdict(verdict)))
                .toList();
    }

    /** The outcome mix chart: one bar per row, split into the groups of {@link Outcomes}. */
    static ShareChart outcomes(String label, List<String> rows, List<Outcomes> outcomes) {
        return new ShareChart(label, rows)
                .part("succeeded", Colors.SUCCEEDED, counts(outcomes, Outcomes::succeeded))
                .part("sold out", Colors.SOLD_OUT, counts(outcomes, Outcomes::soldOut))
                .part("conflicts", Colors.CONFLICT, counts(outcomes, Outcomes::conflicts))
                .part("lock timeouts", Colors.LOCK_TIMEOUT, counts(outcomes, Outcomes::lockTimeouts))
                .part("other", Colors.OTHER, counts(outcomes, Outcomes::other));
    }

    /** A count for a table; negative (not measured) prints as "-". */
    static String count(long value) {
        return value < 0 ? null : String.format(Locale.ROOT, "%,d", value);
    }

    /** A ratio or a value with two decimals; NaN prints as "-". */
    static String decimal(double value) {
        return Double.isNaN(value) ? null : String.format(Locale.ROOT, "%.2f", value);
    }

    private static long[] counts(List<Outcomes> outcomes, ToLongFunction<Outcomes> count) {
        return outcomes.stream().mapToLong(count).toArray();
    }
}
