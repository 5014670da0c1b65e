package dev.flashsale.worker.metrics;

import dev.flashsale.schema.event.DecodeError;
import dev.flashsale.schema.event.PurchaseResult;
import dev.flashsale.schema.event.Reason;
import dev.flashsale.schema.event.Status;
import dev.flashsale.worker.model.Unavailable;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Every meter the worker defines, in one place. Tags are low-cardinality (strategy, status, reason, outcome,
 * resource); never a user, item or request id. Prometheus names get the {@code flashsale_} prefix, base units and
 * {@code _total}/{@code _seconds} suffixes from the registry's naming convention.
 */
public final class WorkerMetrics {

    public static final String DECISIONS = "flashsale.decisions";
    public static final String DECISION_BATCH_DURATION = "flashsale.decision.batch.duration";
    public static final String REQUEST_LATENCY = "flashsale.request.latency";
    public static final String BATCH_SIZE = "flashsale.batch.size";
    public static final String OPTIMISTIC_RETRIES = "flashsale.optimistic.retries";
    public static final String LOCK_WAIT = "flashsale.lock.wait";
    public static final String LOCK_LOST = "flashsale.lock.lost";
    public static final String DEAD_LETTERS = "flashsale.dead.letters";
    public static final String REPUBLISHED = "flashsale.decisions.republished";
    public static final String INFRASTRUCTURE_FAILURES = "flashsale.infrastructure.failures";
    public static final String TRANSACTIONS_ABORTED = "flashsale.kafka.transactions.aborted";
    public static final String COMMIT_DURATION = "flashsale.kafka.commit.duration";

    private final MeterRegistry registry;
    private final String strategy;
    private final Timer batchDuration;
    private final Timer requestLatency;
    private final DistributionSummary batchSize;
    private final Counter optimisticRetries;
    private final Timer lockAcquired;
    private final Timer lockTimedOut;
    private final Counter lockLost;
    private final Counter republished;
    private final Counter transactionsAborted;
    private final Timer commitDuration;
    private final Counter succeeded;
    private final Map<Reason, Counter> refused = new EnumMap<>(Reason.class);

    public WorkerMetrics(MeterRegistry registry, String strategy) {
        this.registry = Objects.requireNonNull(registry, "registry");
        this.strategy = Objects.requireNonNull(strategy, "strategy");
        this.batchDuration = Timer.builder(DECISION_BATCH_DURATION)
                .description("Time to decide the undecided requests of one poll, database and locks included")
                .tag("strategy", strategy)
                .publishPercentileHistogram()
                .register(registry);
        this.requestLatency = Timer.builder(REQUEST_LATENCY)
                .description(
                        "From a request's record timestamp to the commit of the Kafka transaction holding its result")
                .tag("strategy", strategy)
                .publishPercentileHistogram()
                // A backlog makes this minutes long; the default 30 s top bucket would hide it.
                .maximumExpectedValue(Duration.ofMinutes(10))
                .register(registry);
        this.batchSize = DistributionSummary.builder(BATCH_SIZE)
                .description("Records per poll, counted when their Kafka transaction commits")
                .baseUnit("records")
                .publishPercentileHistogram()
                .register(registry);
        this.optimisticRetries = Counter.builder(OPTIMISTIC_RETRIES)
                .description("Optimistic attempts that found the stock changed and retried")
                .tag("strategy", strategy)
                .register(registry);
        this.lockAcquired = lockWaitTimer("acquired");
        this.lockTimedOut = lockWaitTimer("timed_out");
        this.lockLost = Counter.builder(LOCK_LOST)
                .description("Redis locks whose lease expired before their holder released them")
                .tag("strategy", strategy)
                .register(registry);
        this.republished = Counter.builder(REPUBLISHED)
                .description("Redelivered requests answered with their stored decision")
                .tag("strategy", strategy)
                .register(registry);
        this.commitDuration = Timer.builder(COMMIT_DURATION)
                .description("Time to commit one Kafka transaction: its offsets, its results, the commit itself")
                .publishPercentileHistogram()
                .register(registry);
        this.transactionsAborted = Counter.builder(TRANSACTIONS_ABORTED)
                .description("Kafka transactions aborted; their records are processed again")
                .register(registry);
        // One counter per possible outcome, built once here rather than looked up per result.
        this.succeeded = decisionCounter(Status.SUCCEEDED, "NONE");
        for (Reason reason : Reason.values()) {
            refused.put(reason, decisionCounter(reason.status(), reason.name()));
        }
        // Registered up front so that dashboards and alerts see a zero, not an absent series, before the first event.
        for (String resource : RESOURCES) {
            infrastructureFailure(resource, 0);
        }
        for (DecodeError.Kind kind : DecodeError.Kind.values()) {
            deadLetters(kind.name());
        }
    }

    /** A constraint refused a write: the poll was held back like an outage. */
    public static final String DATABASE_CONSTRAINT = "database_constraint";

    public static final String KAFKA = "kafka";
    /** Deciding was interrupted (a lock wait or backoff); the poll was retried. */
    public static final String INTERRUPTED = "interrupted";

    /** The resources an infrastructure failure is counted against. */
    public static final List<String> RESOURCES =
            List.of(Unavailable.DATABASE, Unavailable.REDIS, KAFKA, DATABASE_CONSTRAINT, INTERRUPTED);

    private Timer lockWaitTimer(String outcome) {
        return Timer.builder(LOCK_WAIT)
                .description("Time spent waiting for a Redis item lock")
                .tags("strategy", strategy, "outcome", outcome)
                .publishPercentileHistogram()
                .register(registry);
    }

    public MeterRegistry registry() {
        return registry;
    }

    /** Counts one published result by its status and reason. */
    public void decided(PurchaseResult result) {
        (result.reason() == null ? succeeded : refused.get(result.reason())).increment();
    }

    private Counter decisionCounter(Status status, String reason) {
        return Counter.builder(DECISIONS)
                .description("Results committed to the results topic, by status and reason")
                .tags("strategy", strategy, "status", status.name(), "reason", reason)
                .register(registry);
    }

    /** The strategy decided a poll's undecided requests in {@code elapsed}. */
    public void batchDecided(Duration elapsed) {
        batchDuration.record(elapsed);
    }

    /** A poll of {@code records} records was committed. */
    public void batchSize(int records) {
        batchSize.record(records);
    }

    public void requestCompleted(Duration sinceRecordTimestamp) {
        if (!sinceRecordTimestamp.isNegative()) {
            requestLatency.record(sinceRecordTimestamp);
        }
    }

    public void optimisticRetry() {
        optimisticRetries.increment();
    }

    public void lockWait(Duration waited, boolean acquired) {
        (acquired ? lockAcquired : lockTimedOut).record(waited);
    }

    public void lockLost() {
        lockLost.increment();
    }

    /** {@code count} redelivered requests were answered with their stored decision. */
    public void republished(int count) {
        if (count > 0) {
            republished.increment(count);
        }
    }

    public void deadLettered(String kind) {
        deadLetters(kind).increment();
    }

    private Counter deadLetters(String kind) {
        return Counter.builder(DEAD_LETTERS)
                .description("Records copied to the dead-letter topic, by error kind")
                .tag("kind", kind)
                .register(registry);
    }

    /** Counts an outage seen while deciding ({@code database}, {@code redis}) or committing ({@code kafka}). */
    public void infrastructureFailure(String resource) {
        infrastructureFailure(resource, 1);
    }

    private void infrastructureFailure(String resource, int count) {
        Counter.builder(INFRASTRUCTURE_FAILURES)
                .description("Polls paused and retried because a server failed or a constraint refused a write")
                .tag("resource", resource)
                .register(registry)
                .increment(count);
    }

    /** A Kafka transaction committed in {@code elapsed}. */
    public void committed(Duration elapsed) {
        commitDuration.record(elapsed);
    }

    public void transactionAborted() {
        transactionsAborted.increment();
    }
}
