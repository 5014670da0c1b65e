package dev.flashsale.demo.bench;

import dev.flashsale.demo.process.CpuMeter;
import dev.flashsale.demo.sale.Outcomes;
import dev.flashsale.demo.sale.StrategyRun;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * One measurement of the benchmark: a strategy's run of a workload at its peak or at half of it, or a ceiling.
 *
 * @param workload the workload
 * @param repeat which repetition, from 1
 * @param name the strategy id, or the ceiling's label
 * @param kind what was measured
 * @param targetRate the rate requests were sent at; 0 for as fast as possible
 * @param requests requests decided
 * @param seconds from the first request to the last decision
 * @param throughputPerSecond {@code requests / seconds}
 * @param p50Ms end-to-end median latency; -1 for a JDBC ceiling
 * @param p99Ms end-to-end 99th percentile; -1 for a JDBC ceiling
 * @param succeeded purchases
 * @param failed {@code FAILED} results (conflicts, lock timeouts, stale locks)
 * @param oversold units sold beyond stock
 * @param verdict {@code PASS}, {@code EXPECTED_OVERSELL} or {@code FAIL}
 * @param cpuPerThousand CPU seconds per 1,000 requests decided, by part; NaN where unknown
 * @param outcomes how the requests ended, grouped (succeeded, sold out, conflicts, lock timeouts, other)
 */
public record BenchSample(
        BenchWorkload workload,
        int repeat,
        String name,
        Kind kind,
        double targetRate,
        long requests,
        double seconds,
        double throughputPerSecond,
        long p50Ms,
        long p99Ms,
        long succeeded,
        long failed,
        long oversold,
        String verdict,
        Map<CpuMeter.Part, Double> cpuPerThousand,
        Outcomes outcomes) {

    /** What a sample measures. */
    public enum Kind {
        /** What a part of the system carries alone: the database over JDBC, or Kafka with nothing to decide. */
        CEILING,
        /** A strategy as fast as it goes. */
        STRATEGY,
        /** A strategy sent requests at half the rate of its peak: its latency under a load it can carry. */
        HALF_PEAK,
        /** A strategy sent requests at another fraction of its peak ({@code --load-levels}): its latency there. */
        PARTIAL_LOAD;

        public String id() {
            return name().toLowerCase(Locale.ROOT).replace('_', '-');
        }
    }

    /** Columns of the CSV; those of earlier versions come first, in the same order. */
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
            "verdict",
            "target_rate_per_s",
            "cpu_workers_s_per_1k",
            "cpu_broker_s_per_1k",
            "cpu_database_s_per_1k",
            "cpu_redis_s_per_1k",
            "cpu_bench_s_per_1k",
            "sold_out",
            "conflicts",
            "lock_timeouts",
            "other_outcomes");

    public BenchSample {
        cpuPerThousand = Map.copyOf(cpuPerThousand);
    }

    /** A run of workers: a strategy at its peak or half of it, or the Kafka ceiling. */
    public static BenchSample of(BenchWorkload workload, int repeat, Kind kind, double targetRate, StrategyRun run) {
        long failed = run.report().byStatus().getOrDefault("FAILED", 0L);
        Map<CpuMeter.Part, Double> cpu = new java.util.EnumMap<>(CpuMeter.Part.class);
        for (CpuMeter.Part part : CpuMeter.Part.values()) {
            cpu.put(part, run.cpuPerThousand(part));
        }
        return new BenchSample(
                workload,
                repeat,
                run.name(),
                kind,
                targetRate,
                run.report().answered(),
                run.report().durationSeconds(),
                run.report().throughputPerSecond(),
                run.report().latency().p50Ms(),
                run.report().latency().p99Ms(),
                run.succeeded(),
                failed,
                run.report().oversoldUnits(),
                run.verdict().name(),
                cpu,
                run.outcomeGroups());
    }

    static BenchSample of(BenchWorkload workload, int repeat, DatabaseCeiling.Result result, long oversold) {
        Map<CpuMeter.Part, Double> cpu = new java.util.EnumMap<>(CpuMeter.Part.class);
        for (CpuMeter.Part part : CpuMeter.Part.values()) {
            double seconds = result.cpu().getOrDefault(part, -1.0);
            cpu.put(part, seconds < 0 ? Double.NaN : seconds * 1000.0 / result.requests());
        }
        return new BenchSample(
                workload,
                repeat,
                result.transaction().label(),
                Kind.CEILING,
                0,
                result.requests(),
                result.elapsed().toNanos() / 1e9,
                result.throughputPerSecond(),
                -1,
                -1,
                result.succeeded(),
                0,
                oversold,
                oversold == 0 ? "PASS" : "FAIL",
                cpu,
                new Outcomes(result.succeeded(), result.requests() - result.succeeded(), 0, 0, 0));
    }

    public double cpu(CpuMeter.Part part) {
        return cpuPerThousand.getOrDefault(part, Double.NaN);
    }

    String csvLine() {
        List<String> fields = new ArrayList<>(List.of(
                workload.id(),
                Integer.toString(repeat),
                name,
                kind.id(),
                Long.toString(requests),
                String.format(Locale.ROOT, "%.3f", seconds),
                String.format(Locale.ROOT, "%.1f", throughputPerSecond),
                Long.toString(p50Ms),
                Long.toString(p99Ms),
                Long.toString(succeeded),
                Long.toString(failed),
                Long.toString(oversold),
                verdict,
                String.format(Locale.ROOT, "%.1f", targetRate)));
        for (CpuMeter.Part part : CpuMeter.Part.values()) {
            double value = cpu(part);
            fields.add(Double.isNaN(value) ? "" : String.format(Locale.ROOT, "%.4f", value));
        }
        fields.add(Long.toString(outcomes.soldOut()));
        fields.add(Long.toString(outcomes.conflicts()));
        fields.add(Long.toString(outcomes.lockTimeouts()));
        fields.add(Long.toString(outcomes.other()));
        return String.join(",", fields);
    }
}
