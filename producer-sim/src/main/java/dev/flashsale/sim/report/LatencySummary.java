package dev.flashsale.sim.report;

import org.HdrHistogram.Histogram;

/**
 * Percentiles of end-to-end latency, in milliseconds.
 *
 * @param count how many latencies were recorded
 * @param p50Ms median
 * @param p95Ms 95th percentile
 * @param p99Ms 99th percentile
 * @param maxMs largest
 * @param meanMs arithmetic mean
 */
public record LatencySummary(long count, long p50Ms, long p95Ms, long p99Ms, long maxMs, double meanMs) {

    /** The largest latency tracked exactly; anything longer is recorded as this. */
    public static final long HIGHEST_TRACKABLE_MS = 60L * 60 * 1000;

    public static final LatencySummary EMPTY = new LatencySummary(0, 0, 0, 0, 0, 0);

    /** A recorder with three significant digits: values below 2,048 ms are exact, larger ones within 0.1%. */
    public static Histogram newHistogram() {
        return new Histogram(HIGHEST_TRACKABLE_MS, 3);
    }

    /** Records {@code latencyMs}, clamped to {@code 0..HIGHEST_TRACKABLE_MS} (clock skew can make it negative). */
    public static void record(Histogram histogram, long latencyMs) {
        histogram.recordValue(Math.max(0, Math.min(HIGHEST_TRACKABLE_MS, latencyMs)));
    }

    public static LatencySummary of(Histogram histogram) {
        if (histogram.getTotalCount() == 0) {
            return EMPTY;
        }
        return new LatencySummary(
                histogram.getTotalCount(),
                histogram.getValueAtPercentile(50),
                histogram.getValueAtPercentile(95),
                histogram.getValueAtPercentile(99),
                histogram.getMaxValue(),
                histogram.getMean());
    }
}
