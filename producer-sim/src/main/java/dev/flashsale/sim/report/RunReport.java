package dev.flashsale.sim.report;

import dev.flashsale.schema.event.PurchaseResult;
import dev.flashsale.sim.verify.CheckResult;
import dev.flashsale.sim.verify.Expectations;
import dev.flashsale.sim.verify.ItemState;
import dev.flashsale.sim.verify.Observations;
import dev.flashsale.sim.verify.ObservedResult;
import dev.flashsale.sim.verify.SourcePosition;
import dev.flashsale.sim.verify.Verification;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.HdrHistogram.Histogram;

/**
 * What a run did, in numbers: the table the simulator prints and the JSON it writes. During a run, latency is end to
 * end as a client sees it: from when the simulator sent a request (its Kafka timestamp) to when the simulator's {@code
 * read_committed} reader received its result, so after the transaction that holds it committed; both on this JVM's
 * clock. For a sale checked after the fact ({@code verify}), the result's own Kafka timestamp (when the worker's
 * producer sent it) stands in for the moment it was received. Throughput is answered requests per second from the
 * first request sent to the last result received.
 *
 * @param runId the run, or null when the report covers a whole topic
 * @param strategies the strategies named by the results
 * @param recordsSent records on the requests topic, plus any the producer failed to deliver
 * @param sendFailures records the producer failed to deliver
 * @param expectedResults request ids that must get a result
 * @param answered request ids that got at least one result
 * @param expectedDeadLetters records without a readable request id
 * @param deadLettered of those, how many have a dead letter
 * @param complete whether everything expected arrived before the timeout
 * @param byStatus first result per request, counted by status
 * @param byReason first result per request, counted by {@code status/reason} ({@code SUCCEEDED} alone for success)
 * @param durationSeconds from the first request sent to the last result
 * @param throughputPerSecond {@code answered / durationSeconds}
 * @param latency end-to-end latency of the first result of each request
 * @param items every item with what it sold
 * @param checks the invariant checks
 * @param passed whether every check passed and nothing was missing
 */
public record RunReport(
        String runId,
        Set<String> strategies,
        long recordsSent,
        long sendFailures,
        long expectedResults,
        long answered,
        long expectedDeadLetters,
        long deadLettered,
        boolean complete,
        Map<String, Long> byStatus,
        Map<String, Long> byReason,
        double durationSeconds,
        double throughputPerSecond,
        LatencySummary latency,
        List<ItemState> items,
        List<CheckResult> checks,
        boolean passed) {

    public static RunReport of(
            String runId, Expectations expected, Observations observed, Verification verification, boolean complete) {
        Objects.requireNonNull(expected, "expected");
        Histogram histogram = LatencySummary.newHistogram();
        Map<String, Long> byStatus = new TreeMap<>();
        Map<String, Long> byReason = new TreeMap<>();
        Set<String> strategies = new TreeSet<>();
        long answered = 0;
        long lastResultMs = Long.MIN_VALUE;
        for (Map.Entry<String, Long> sent : expected.sentAtMs().entrySet()) {
            List<ObservedResult> results = observed.results(sent.getKey());
            if (results.isEmpty()) {
                continue;
            }
            answered++;
            ObservedResult first = results.get(0);
            PurchaseResult result = first.result();
            strategies.add(result.strategy());
            byStatus.merge(result.status().name(), 1L, Long::sum);
            byReason.merge(reasonKey(result), 1L, Long::sum);
            LatencySummary.record(histogram, first.timestampMs() - sent.getValue());
            lastResultMs = Math.max(lastResultMs, first.timestampMs());
        }
        long deadLettered = 0;
        for (SourcePosition position : expected.deadLetters()) {
            if (observed.deadLetters().contains(position)) {
                deadLettered++;
            }
        }
        double seconds = answered == 0 ? 0 : Math.max(0.001, (lastResultMs - expected.firstSentAtMs()) / 1000.0);
        return new RunReport(
                runId,
                strategies,
                expected.records() + expected.sendFailures(),
                expected.sendFailures(),
                expected.deliveries().size(),
                answered,
                expected.deadLetters().size(),
                deadLettered,
                complete,
                byStatus,
                byReason,
                seconds,
                seconds == 0 ? 0 : answered / seconds,
                LatencySummary.of(histogram),
                verification.items(),
                verification.checks(),
                verification.passed() && expected.sendFailures() == 0);
    }

    /** Results of the run with {@code status/reason}, e.g. {@code REJECTED/SOLD_OUT}; 0 when none. */
    public long count(String statusSlashReason) {
        return byReason.getOrDefault(statusSlashReason, 0L);
    }

    /** Units sold beyond initial stock, over all items. */
    public long oversoldUnits() {
        return items.stream().mapToLong(ItemState::oversold).sum();
    }

    /** Units sold, over all items. */
    public long soldUnits() {
        return items.stream().mapToLong(ItemState::sold).sum();
    }

    static String reasonKey(PurchaseResult result) {
        return result.reason() == null
                ? result.status().name()
                : result.status().name() + "/" + result.reason().name();
    }
}
