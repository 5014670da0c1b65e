package dev.flashsale.demo.sale;

import dev.flashsale.sim.verify.Expectations;
import dev.flashsale.sim.verify.Observations;
import dev.flashsale.sim.verify.ObservedResult;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * What a sale under faults looked like over time, from the simulator's clock: each request's send time and the time
 * its first result was seen by a {@code read_committed} reader (so once it was committed).
 *
 * @param startMs the first request sent
 * @param bucketMs the width of the buckets results are counted in: a tenth of a second for a sale of a few seconds,
 *     up to a second for a long one, so that a chart of the sale has enough points to show its shape
 * @param decisionsPerBucket first results seen in each bucket from {@code startMs}
 * @param longestGapMs the longest time between two consecutive results seen
 * @param longestGapStartMs when that gap began
 * @param recoveryMs for each fault that starts something, how long until the results caught up with the requests
 *     for good (what was waiting back within a second of sending of what waited just before the fault, and staying
 *     there until the next fault or the end); 0 when the backlog never grew past that, -1 when it had not caught up
 *     by the next fault (or by the end)
 * @param before results per second from the start to the first fault
 * @param during results per second from the first fault until the last one had recovered
 * @param after results per second from then on, until the last request was sent
 * @param faults the faults, in order
 */
public record Timeline(
        long startMs,
        int bucketMs,
        int[] decisionsPerBucket,
        long longestGapMs,
        long longestGapStartMs,
        long[] recoveryMs,
        double before,
        double during,
        double after,
        List<Fault> faults) {

    /** Bucket widths to choose from, the narrowest first. */
    private static final int[] BUCKET_WIDTHS_MS = {100, 250, 500, 1000};
    /** At most this many buckets, unless even the widest gives more. */
    private static final int MAX_BUCKETS = 60;

    /** The narrowest bucket width that covers {@code spanMs} in at most {@link #MAX_BUCKETS} buckets. */
    static int bucketMsFor(long spanMs) {
        for (int width : BUCKET_WIDTHS_MS) {
            if (spanMs / width < MAX_BUCKETS) {
                return width;
            }
        }
        return BUCKET_WIDTHS_MS[BUCKET_WIDTHS_MS.length - 1];
    }

    /** Results seen per second in each bucket. */
    public double[] decisionsPerSecond() {
        double[] rates = new double[decisionsPerBucket.length];
        for (int i = 0; i < rates.length; i++) {
            rates[i] = decisionsPerBucket[i] * 1000.0 / bucketMs;
        }
        return rates;
    }

    /** The longest recovery, or -1 when one never came (0 without faults). */
    public long longestRecoveryMs() {
        long longest = 0;
        for (long recovery : recoveryMs) {
            if (recovery < 0) {
                return -1;
            }
            longest = Math.max(longest, recovery);
        }
        return longest;
    }

    /** The last fault's recovery: -1 when it never caught up, 0 without faults. */
    public long lastRecoveryMs() {
        return recoveryMs.length == 0 ? 0 : recoveryMs[recoveryMs.length - 1];
    }

    /**
     * The recovery for a table: the longest in seconds when every fault caught up; when one did not before the next
     * fault came (a storm), how long after the last one the sale caught up.
     */
    public String recoveryText() {
        long longest = longestRecoveryMs();
        if (longest >= 0) {
            return String.format(java.util.Locale.ROOT, "%.1f", longest / 1000.0);
        }
        long last = lastRecoveryMs();
        return last < 0 ? "not caught up" : String.format(java.util.Locale.ROOT, "%.1f after the last", last / 1000.0);
    }

    public static Timeline of(Expectations expected, Observations observed, List<Fault> faults) {
        long[] sent = expected.sentAtMs().values().stream()
                .mapToLong(Long::longValue)
                .sorted()
                .toArray();
        List<Long> seenList = new ArrayList<>();
        for (Map.Entry<String, Long> request : expected.sentAtMs().entrySet()) {
            List<ObservedResult> results = observed.results(request.getKey());
            if (!results.isEmpty()) {
                seenList.add(results.get(0).timestampMs());
            }
        }
        long[] seen = seenList.stream().mapToLong(Long::longValue).sorted().toArray();
        long start = sent.length == 0 ? 0 : sent[0];
        long lastSent = sent.length == 0 ? start : sent[sent.length - 1];
        long end = seen.length == 0 ? start : Math.max(lastSent, seen[seen.length - 1]);
        int bucketMs = bucketMsFor(end - start);
        int[] perBucket = new int[(int) ((end - start) / bucketMs) + 1];
        for (long at : seen) {
            perBucket[(int) ((Math.max(at, start) - start) / bucketMs)]++;
        }
        long gap = 0;
        long gapStart = start;
        for (int i = 1; i < seen.length; i++) {
            if (seen[i] - seen[i - 1] > gap) {
                gap = seen[i] - seen[i - 1];
                gapStart = seen[i - 1];
            }
        }
        List<Fault> starts = faults.stream().filter(Fault::start).toList();
        long[] recovery = new long[starts.size()];
        double rate = sent.length < 2 ? 0 : (sent.length - 1) * 1000.0 / Math.max(1, lastSent - start);
        long recoveredAt = start;
        for (int f = 0; f < starts.size(); f++) {
            long at = starts.get(f).atMs();
            // The backlog may grow for a while after the fault; it has recovered once it is back within a second of
            // sending of what waited just before, and stays there until the next fault (or the end of the run).
            long windowEnd = f + 1 < starts.size() ? starts.get(f + 1).atMs() : end;
            long allowance = waiting(sent, seen, at) + Math.max(1, Math.round(rate));
            long lastAbove = -1;
            for (long t = at; t <= windowEnd; t += 50) {
                if (waiting(sent, seen, t) > allowance) {
                    lastAbove = t;
                }
            }
            boolean stillAbove = waiting(sent, seen, windowEnd) > allowance;
            if (stillAbove) {
                recovery[f] = -1;
                recoveredAt = windowEnd;
            } else {
                recovery[f] = lastAbove < 0 ? 0 : lastAbove + 50 - at;
                recoveredAt = Math.max(recoveredAt, at + recovery[f]);
            }
        }
        long firstFault = starts.isEmpty() ? lastSent : starts.get(0).atMs();
        long duringEnd = starts.isEmpty()
                ? firstFault
                : Math.max(recoveredAt, starts.get(starts.size() - 1).atMs());
        return new Timeline(
                start,
                bucketMs,
                perBucket,
                gap,
                gapStart,
                recovery,
                rate(seen, start, firstFault),
                rate(seen, firstFault, duringEnd),
                rate(seen, duringEnd, lastSent),
                List.copyOf(faults));
    }

    /** Requests sent by {@code at} without a result seen by then. */
    private static long waiting(long[] sent, long[] seen, long at) {
        return countUpTo(sent, at) - countUpTo(seen, at);
    }

    private static long countUpTo(long[] sorted, long at) {
        int i = Arrays.binarySearch(sorted, at);
        if (i < 0) {
            return -i - 1;
        }
        while (i + 1 < sorted.length && sorted[i + 1] == at) {
            i++;
        }
        return i + 1;
    }

    /**
     * Results seen per second in {@code (from, to]}; NaN for a window under a second. The backlog answered at the
     * moment a fault recovered belongs to the recovery, not to the rate after it.
     */
    private static double rate(long[] seen, long from, long to) {
        if (to - from < 1000) {
            return Double.NaN;
        }
        return (countUpTo(seen, to) - countUpTo(seen, from)) * 1000.0 / (to - from);
    }
}
