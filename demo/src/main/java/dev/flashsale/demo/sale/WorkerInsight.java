package dev.flashsale.demo.sale;

import dev.flashsale.demo.process.MetricsScrape;

/**
 * What the workers' own metrics say about a measured sale, summed over the workers: where a request's time went before
 * its result was committed, and how large the batches were.
 *
 * @param commitP50Ms median from a request's Kafka timestamp to the commit of the transaction holding its result
 * @param commitP99Ms 99th percentile of the same
 * @param recordsPerPoll mean records per committed poll
 * @param decideP50Ms median time for the strategy to decide a poll's undecided requests
 * @param decideP99Ms 99th percentile of the same
 * @param transactionCommitP50Ms median time to commit one Kafka transaction (offsets, results, commit)
 * @param transactionCommitP99Ms 99th percentile of the same
 * @param transactionsCommitted Kafka transactions committed during the sale
 * @param transactionsAborted Kafka transactions aborted during the sale
 */
public record WorkerInsight(
        double commitP50Ms,
        double commitP99Ms,
        double recordsPerPoll,
        double decideP50Ms,
        double decideP99Ms,
        double transactionCommitP50Ms,
        double transactionCommitP99Ms,
        double transactionsCommitted,
        double transactionsAborted) {

    static final String REQUEST_LATENCY = "flashsale_request_latency_seconds";
    static final String BATCH_SIZE = "flashsale_batch_size_records";
    static final String DECISION_DURATION = "flashsale_decision_batch_duration_seconds";
    static final String ABORTED = "flashsale_kafka_transactions_aborted_total";
    static final String COMMIT = "flashsale_kafka_commit_duration_seconds";

    /** The difference between two scrapes of the same workers; null when they serve no metrics. */
    static WorkerInsight between(MetricsScrape before, MetricsScrape after) {
        if (after.count(before, REQUEST_LATENCY) <= 0) {
            return null;
        }
        double polls = after.count(before, BATCH_SIZE);
        return new WorkerInsight(
                after.quantile(before, REQUEST_LATENCY, 0.5) * 1000,
                after.quantile(before, REQUEST_LATENCY, 0.99) * 1000,
                polls <= 0 ? Double.NaN : after.sum(before, BATCH_SIZE) / polls,
                after.quantile(before, DECISION_DURATION, 0.5) * 1000,
                after.quantile(before, DECISION_DURATION, 0.99) * 1000,
                after.quantile(before, COMMIT, 0.5) * 1000,
                after.quantile(before, COMMIT, 0.99) * 1000,
                after.count(before, COMMIT),
                after.value(ABORTED) - before.value(ABORTED));
    }

    @Override
    public String toString() {
        return String.format(
                java.util.Locale.ROOT,
                "in workers: request to commit p50 %.0f ms p99 %.0f ms; %.0f records/poll; decide p50 %.1f ms p99"
                        + " %.1f ms; %.0f transactions, commit p50 %.1f ms p99 %.1f ms, %.0f aborted",
                commitP50Ms,
                commitP99Ms,
                recordsPerPoll,
                decideP50Ms,
                decideP99Ms,
                transactionsCommitted,
                transactionCommitP50Ms,
                transactionCommitP99Ms,
                transactionsAborted);
    }
}
