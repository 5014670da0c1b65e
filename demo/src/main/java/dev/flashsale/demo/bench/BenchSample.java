package dev.flashsale.demo.bench;

import dev.flashsale.demo.sale.StrategyRun;
import java.util.List;
import java.util.Locale;

/**
 * One measurement of the benchmark: a strategy's run of a workload, or a database ceiling.
 *
 * @param workload the workload
 * @param repeat which repetition, from 1
 * @param name the strategy id, or the ceiling's label
 * @param ceiling whether this is a database ceiling (measured over JDBC, no Kafka)
 * @param requests requests decided
 * @param seconds from the first request to the last decision
 * @param throughputPerSecond {@code requests / seconds}
 * @param p50Ms end-to-end median latency; -1 for a ceiling
 * @param p99Ms end-to-end 99th percentile; -1 for a ceiling
 * @param succeeded purchases
 * @param failed {@code FAILED} results (conflicts, lock timeouts, stale locks)
 * @param oversold units sold beyond stock
 * @param verdict {@code PASS}, {@code EXPECTED_OVERSELL} or {@code FAIL}
 */
public record BenchSample(
        BenchWorkload workload,
        int repeat,
        String name,
        boolean ceiling,
        long requests,
        double seconds,
        double throughputPerSecond,
        long p50Ms,
        long p99Ms,
        long succeeded,
        long failed,
        long oversold,
        String verdict) {

    static final List<String> CSV_HEADER = List.of(
            "workload",
            "repeat",
            "name",
            "kind",
            "requests",
            "seconds",
            "throughput_per_s",
            "p50_ms",
            "p99_ms",
            "succeeded",
            "failed",
            "oversold",
            "verdict");

    public static BenchSample of(BenchWorkload workload, int repeat, StrategyRun run) {
        long failed = run.report().byStatus().getOrDefault("FAILED", 0L);
        return new BenchSample(
                workload,
                repeat,
                run.strategy().id(),
                false,
                run.report().answered(),
                run.report().durationSeconds(),
                run.report().throughputPerSecond(),
                run.report().latency().p50Ms(),
                run.report().latency().p99Ms(),
                run.succeeded(),
                failed,
                run.report().oversoldUnits(),
                run.verdict().name());
    }

    static BenchSample of(BenchWorkload workload, int repeat, DatabaseCeiling.Result result, long oversold) {
        return new BenchSample(
                workload,
                repeat,
                result.transaction().label(),
                true,
                result.requests(),
                result.elapsed().toNanos() / 1e9,
                result.throughputPerSecond(),
                -1,
                -1,
                result.succeeded(),
                0,
                oversold,
                oversold == 0 ? "PASS" : "FAIL");
    }

    String csvLine() {
        return String.join(
                ",",
                workload.id(),
                Integer.toString(repeat),
                name,
                ceiling ? "ceiling" : "strategy",
                Long.toString(requests),
                String.format(Locale.ROOT, "%.3f", seconds),
                String.format(Locale.ROOT, "%.1f", throughputPerSecond),
                Long.toString(p50Ms),
                Long.toString(p99Ms),
                Long.toString(succeeded),
                Long.toString(failed),
                Long.toString(oversold),
                verdict);
    }
}
