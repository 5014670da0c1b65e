package dev.flashsale.worker.kafka;

import dev.flashsale.worker.metrics.WorkerMetrics;
import dev.flashsale.worker.model.IntegrityViolation;
import dev.flashsale.worker.model.Unavailable;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.apache.kafka.clients.consumer.CloseOptions;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.AuthenticationException;
import org.apache.kafka.common.errors.AuthorizationException;
import org.apache.kafka.common.errors.InvalidProducerEpochException;
import org.apache.kafka.common.errors.OutOfOrderSequenceException;
import org.apache.kafka.common.errors.ProducerFencedException;
import org.apache.kafka.common.errors.UnreleasedInstanceIdException;
import org.apache.kafka.common.errors.UnsupportedVersionException;
import org.apache.kafka.common.errors.WakeupException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One consumer thread: poll, decide, publish the results, and commit them with the consumed offsets in one Kafka
 * transaction. A transaction may gather several polls, for up to the commit interval or the most records per
 * transaction, so that a thread under moderate load commits a few large transactions rather than many small ones.
 * Decisions are durable in the database before their results are sent, so a transaction that never commits costs a
 * redelivery, never a decision.
 *
 * <p>Failures are sorted three ways:
 *
 * <ul>
 *   <li><b>Transient</b> (the database or Redis unreachable while deciding, a constraint refusing a write): the open
 *       transaction is aborted, the consumer seeks back to the first offsets it holds, and the thread retries after a
 *       growing backoff, taking no new records meanwhile.
 *   <li><b>Recoverable</b> (a transaction that cannot commit: a rebalance moved the partitions, a timeout): the
 *       transaction is aborted and the consumer rewinds; or, when the producer itself was fenced, the consumer and
 *       producer are rebuilt. Decisions are in the database, so a redelivery re-publishes them.
 *   <li><b>Fatal</b> (authorization, authentication, an unsupported broker): the loop stops and reports it.
 *   <li>A replacement whose member id the group still holds for its dead predecessor (the consumer protocol keeps it
 *       until the session expires) waits and joins again.
 * </ul>
 *
 * <p>Partitions being revoked in a rebalance first get the open transaction committed, so the next owner starts
 * exactly where this one stopped.
 */
public final class PurchaseLoop implements Runnable {

    private static final Logger log = LoggerFactory.getLogger(PurchaseLoop.class);
    static final Duration MAX_BACKOFF = Duration.ofSeconds(5);
    static final Duration MIN_BACKOFF = Duration.ofMillis(100);

    /** What the loop is doing, for the readiness check. */
    public enum State {
        STARTING,
        CONSUMING,
        PAUSED,
        STOPPED,
        FAILED
    }

    /** How long and how much one Kafka transaction may gather. */
    public record Batching(Duration pollTimeout, Duration commitInterval, int commitMaxRecords) {}

    private final String name;
    private final String requestsTopic;
    private final String resultsTopic;
    private final Supplier<Consumer<byte[], byte[]>> consumers;
    private final Supplier<Producer<byte[], byte[]>> producers;
    private final PollHandler handler;
    private final Batching batching;
    private final WorkerMetrics metrics;
    private final CountDownLatch stopRequested = new CountDownLatch(1);
    private final CountDownLatch stopped = new CountDownLatch(1);

    private volatile boolean running = true;
    private volatile State state = State.STARTING;
    private volatile Consumer<byte[], byte[]> consumer;
    private volatile Throwable failure;
    private volatile int assignedPartitions;

    /**
     * @param consumers makes a consumer configured for the group, with auto-commit off and read_committed isolation
     * @param producers makes a transactional producer whose transactional id belongs to this loop alone
     */
    public PurchaseLoop(
            String name,
            String requestsTopic,
            String resultsTopic,
            Supplier<Consumer<byte[], byte[]>> consumers,
            Supplier<Producer<byte[], byte[]>> producers,
            PollHandler handler,
            Batching batching,
            WorkerMetrics metrics) {
        this.name = name;
        this.requestsTopic = requestsTopic;
        this.resultsTopic = resultsTopic;
        this.consumers = consumers;
        this.producers = producers;
        this.handler = handler;
        this.batching = batching;
        this.metrics = metrics;
    }

    public String name() {
        return name;
    }

    public State state() {
        return state;
    }

    /** Partitions currently assigned to this loop's consumer. */
    public int assignedPartitions() {
        return assignedPartitions;
    }

    /** The fatal error that stopped the loop, or {@code null}. */
    public Throwable failure() {
        return failure;
    }

    @Override
    public void run() {
        log.info("{}: starting on topic {}", name, requestsTopic);
        try {
            Duration backoff = MIN_BACKOFF;
            while (running) {
                try {
                    runSession();
                    backoff = MIN_BACKOFF;
                } catch (UnreleasedInstanceIdException held) {
                    // The consumer protocol keeps a static member's id for a member that died without leaving until
                    // its session expires; this replacement joins as soon as the broker lets the id go.
                    state = State.PAUSED;
                    metrics.infrastructureFailure(WorkerMetrics.KAFKA);
                    log.warn(
                            "{}: the group still holds this member's id for the previous process (its session has"
                                    + " not expired); joining again in {} ms",
                            name,
                            backoff.toMillis());
                    pause(backoff);
                    backoff = min(backoff.multipliedBy(2), MAX_BACKOFF);
                }
            }
            state = State.STOPPED;
        } catch (AuthorizationException | AuthenticationException | UnsupportedVersionException fatal) {
            failure = fatal;
            state = State.FAILED;
            log.error("{}: stopping on a fatal Kafka error", name, fatal);
        } catch (RuntimeException | Error unexpected) {
            failure = unexpected;
            state = State.FAILED;
            log.error("{}: stopping on an unexpected error", name, unexpected);
        } finally {
            stopped.countDown();
            log.info("{}: stopped", name);
        }
    }

    /** Asks the loop to finish the poll in hand, commit it and stop. Returns at once. */
    public void stop() {
        running = false;
        stopRequested.countDown();
        Consumer<byte[], byte[]> current = consumer;
        if (current != null) {
            current.wakeup();
        }
    }

    /** Waits for the loop to stop; returns whether it did within {@code timeout}. */
    public boolean awaitStop(Duration timeout) throws InterruptedException {
        return stopped.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** What a step of the session asks of it next. */
    private enum Next {
        CONTINUE,
        RETRY_LATER,
        REBUILD
    }

    /** One consumer and one producer, used until a shutdown or until the producer is fenced. */
    private void runSession() {
        Producer<byte[], byte[]> producer = producers.get();
        Consumer<byte[], byte[]> session = consumers.get();
        consumer = session;
        Transaction transaction = new Transaction(session, producer);
        boolean leaving = false;
        try (producer) {
            producer.initTransactions();
            transaction.resultPartitions = producer.partitionsFor(resultsTopic).size();
            session.subscribe(List.of(requestsTopic), new CommittingRebalanceListener(transaction));
            state = State.CONSUMING;
            Duration backoff = MIN_BACKOFF;
            while (running && !transaction.rebuildRequested) {
                ConsumerRecords<byte[], byte[]> records;
                try {
                    records = session.poll(transaction.pollTimeout());
                } catch (WakeupException wakeup) {
                    continue;
                }
                Next next = records.isEmpty() ? Next.CONTINUE : transaction.add(records);
                if (next == Next.CONTINUE && transaction.due()) {
                    next = transaction.commit();
                }
                switch (next) {
                    case CONTINUE -> {
                        backoff = MIN_BACKOFF;
                        state = State.CONSUMING;
                    }
                    case RETRY_LATER -> {
                        state = State.PAUSED;
                        pause(backoff);
                        backoff = min(backoff.multipliedBy(2), MAX_BACKOFF);
                    }
                    case REBUILD -> {
                        return;
                    }
                }
            }
            if (!transaction.rebuildRequested) {
                // Shutting down: what was decided and sent in this transaction is committed with its offsets.
                transaction.commit();
                leaving = true;
            }
        } catch (WakeupException wakeup) {
            // stop() raced with a consumer call other than poll; whatever was not committed is redelivered.
            leaving = !running;
        } finally {
            consumer = null;
            assignedPartitions = 0;
            close(session, leaving);
        }
    }

    /**
     * The Kafka transaction a session has open, if any: the records it covers, where each partition started (to
     * rewind to) and where it ends (the offsets to commit).
     */
    private final class Transaction {
        private final Consumer<byte[], byte[]> session;
        private final Producer<byte[], byte[]> producer;
        private final Map<TopicPartition, Long> firstOffsets = new HashMap<>();
        private final Map<TopicPartition, OffsetAndMetadata> nextOffsets = new HashMap<>();
        private final List<PollHandler.Handled> handled = new ArrayList<>();
        private final List<Long> recordTimestamps = new ArrayList<>();
        private boolean open;
        private long startedNanos;
        int resultPartitions;
        boolean rebuildRequested;

        Transaction(Consumer<byte[], byte[]> session, Producer<byte[], byte[]> producer) {
            this.session = session;
            this.producer = producer;
        }

        /** A poll waits no longer than the open transaction may stay open. */
        Duration pollTimeout() {
            if (!open) {
                return batching.pollTimeout();
            }
            long left = batching.commitInterval().toNanos() - (System.nanoTime() - startedNanos);
            return Duration.ofNanos(
                    Math.max(0, Math.min(left, batching.pollTimeout().toNanos())));
        }

        boolean due() {
            return open
                    && (System.nanoTime() - startedNanos
                                    >= batching.commitInterval().toNanos()
                            || recordTimestamps.size() >= batching.commitMaxRecords());
        }

        /** Decides a poll and sends what it yields inside the open transaction, opening one if needed. */
        Next add(ConsumerRecords<byte[], byte[]> records) {
            List<ConsumerRecord<byte[], byte[]>> polled = new ArrayList<>(records.count());
            records.forEach(polled::add);
            PollHandler.Handled result;
            try {
                result = handler.handle(polled, resultPartitions);
            } catch (Unavailable e) {
                metrics.infrastructureFailure(e.resource());
                if (state != State.PAUSED) {
                    log.warn("{}: {}; pausing and retrying", name, e.getMessage());
                }
                return abortAndRewind(polled);
            } catch (IntegrityViolation e) {
                // The database's last line of defence refused a write the strategy should never have attempted.
                // Deciding anyway would break an invariant, so the poll is held back like an outage, loudly.
                metrics.infrastructureFailure(WorkerMetrics.DATABASE_CONSTRAINT);
                log.error("{}: a database constraint refused a decision; retrying the poll: {}", name, e.getMessage());
                return abortAndRewind(polled);
            } catch (CancellationException e) {
                // Interrupted while waiting (a lock, a backoff): nothing was decided for the rest of the poll.
                metrics.infrastructureFailure(WorkerMetrics.INTERRUPTED);
                log.warn("{}: deciding was interrupted ({}); retrying the poll", name, e.getMessage());
                return abortAndRewind(polled);
            }
            try {
                if (!open) {
                    producer.beginTransaction();
                    open = true;
                    startedNanos = System.nanoTime();
                }
                for (ProducerRecord<byte[], byte[]> record : result.records()) {
                    producer.send(record);
                }
            } catch (KafkaException e) {
                remember(polled);
                return failed(e);
            }
            remember(polled);
            handled.add(result);
            return Next.CONTINUE;
        }

        private void remember(List<ConsumerRecord<byte[], byte[]>> polled) {
            for (ConsumerRecord<byte[], byte[]> record : polled) {
                TopicPartition partition = new TopicPartition(record.topic(), record.partition());
                firstOffsets.merge(partition, record.offset(), Math::min);
                nextOffsets.merge(
                        partition,
                        new OffsetAndMetadata(record.offset() + 1),
                        (a, b) -> a.offset() >= b.offset() ? a : b);
                recordTimestamps.add(record.timestamp());
            }
        }

        /** Commits the open transaction with its offsets; with nothing open, does nothing. */
        Next commit() {
            if (!open) {
                return Next.CONTINUE;
            }
            long commitStarted = System.nanoTime();
            try {
                // Results first, then the offsets: with the results' writes still pending when the offsets are added,
                // the broker held the transaction back, and a commit took about 40 ms instead of 5 on an idle broker.
                producer.flush();
                producer.sendOffsetsToTransaction(nextOffsets, session.groupMetadata());
                producer.commitTransaction();
            } catch (KafkaException e) {
                return failed(e);
            }
            metrics.committed(Duration.ofNanos(System.nanoTime() - commitStarted));
            long now = System.currentTimeMillis();
            for (long timestamp : recordTimestamps) {
                metrics.requestCompleted(Duration.ofMillis(now - timestamp));
            }
            for (PollHandler.Handled poll : handled) {
                metrics.batchSize(poll.records().size());
                poll.results().forEach(metrics::decided);
                metrics.republished(poll.republished());
                poll.deadLetterKinds().forEach(kind -> metrics.deadLettered(kind.name()));
            }
            reset();
            return Next.CONTINUE;
        }

        /** A Kafka call of the transaction failed: rebuild when fenced, otherwise abort and rewind. */
        private Next failed(KafkaException e) {
            if (e instanceof AuthorizationException
                    || e instanceof AuthenticationException
                    || e instanceof UnsupportedVersionException) {
                throw e;
            }
            metrics.transactionAborted();
            if (producerUnusable(e)) {
                // This producer can no longer write; another instance took over or its state is broken. Start afresh.
                log.warn(
                        "{}: producer fenced or out of sequence ({}); rebuilding consumer and producer",
                        name,
                        e.toString());
                rebuildRequested = true;
                return Next.REBUILD;
            }
            metrics.infrastructureFailure(WorkerMetrics.KAFKA);
            log.warn(
                    "{}: aborting a transaction of {} records ({}); they will be processed again",
                    name,
                    recordTimestamps.size(),
                    e.toString());
            return abortAndRewind(List.of());
        }

        /**
         * Whether the producer can no longer write: fenced by a newer instance with its transactional id, or with its
         * sequence state broken. A producer in that state also wraps the error in a plain {@link KafkaException} for
         * every later call, so the cause is looked at too.
         */
        private static boolean producerUnusable(KafkaException e) {
            for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
                if (t instanceof ProducerFencedException
                        || t instanceof InvalidProducerEpochException
                        || t instanceof OutOfOrderSequenceException) {
                    return true;
                }
            }
            return false;
        }

        /** Aborts what is open and seeks every partition back to the first record not committed. */
        Next abortAndRewind(List<ConsumerRecord<byte[], byte[]>> alsoPolled) {
            for (ConsumerRecord<byte[], byte[]> record : alsoPolled) {
                firstOffsets.merge(new TopicPartition(record.topic(), record.partition()), record.offset(), Math::min);
            }
            Map<TopicPartition, Long> rewindTo = new HashMap<>(firstOffsets);
            if (open) {
                try {
                    producer.abortTransaction();
                } catch (KafkaException abortFailed) {
                    log.warn(
                            "{}: abort failed too ({}); rebuilding consumer and producer",
                            name,
                            abortFailed.toString());
                    rebuildRequested = true;
                    reset();
                    return Next.REBUILD;
                }
            }
            reset();
            var assigned = session.assignment();
            rewindTo.forEach((partition, offset) -> {
                if (assigned.contains(partition)) {
                    session.seek(partition, offset);
                }
            });
            return alsoPolled.isEmpty() ? Next.CONTINUE : Next.RETRY_LATER;
        }

        /**
         * Partitions are about to be taken away: commit what is open, so that their next owner starts after it. When
         * the commit fails, it was aborted and their records go to the next owner.
         */
        void beforeRevoke() {
            commit();
        }

        /** Partitions were lost without a chance to commit (the session expired): what is open cannot commit. */
        void afterLoss() {
            if (open) {
                metrics.transactionAborted();
                abortAndRewind(List.of());
            }
        }

        private void reset() {
            open = false;
            firstOffsets.clear();
            nextOffsets.clear();
            handled.clear();
            recordTimestamps.clear();
        }
    }

    /**
     * Closes the consumer. A static member that shuts down leaves the group explicitly, so that its partitions move
     * to the other workers at once; one rebuilt after its producer was fenced stays, and its successor in this thread
     * takes its place under the same id.
     */
    private void close(Consumer<byte[], byte[]> session, boolean leave) {
        try {
            session.close(CloseOptions.groupMembershipOperation(
                    leave
                            ? CloseOptions.GroupMembershipOperation.LEAVE_GROUP
                            : CloseOptions.GroupMembershipOperation.REMAIN_IN_GROUP));
        } catch (KafkaException e) {
            log.warn("{}: closing the consumer failed: {}", name, e.toString());
        }
    }

    private void pause(Duration backoff) {
        long jittered = backoff.toMillis() / 2 + ThreadLocalRandom.current().nextLong(backoff.toMillis() / 2 + 1);
        try {
            // Wakes early when stop() is called.
            stopRequested.await(jittered, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running = false;
        }
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }

    private final class CommittingRebalanceListener implements ConsumerRebalanceListener {
        private final Transaction transaction;

        CommittingRebalanceListener(Transaction transaction) {
            this.transaction = transaction;
        }

        @Override
        public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
            if (partitions.isEmpty()) {
                return;
            }
            transaction.beforeRevoke();
            assignedPartitions = Math.max(0, assignedPartitions - partitions.size());
            log.info("{}: partitions revoked: {}", name, partitions);
        }

        @Override
        public void onPartitionsLost(Collection<TopicPartition> partitions) {
            transaction.afterLoss();
            assignedPartitions = Math.max(0, assignedPartitions - partitions.size());
            if (!partitions.isEmpty()) {
                log.warn("{}: partitions lost: {}", name, partitions);
            }
        }

        @Override
        public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
            assignedPartitions += partitions.size();
            if (!partitions.isEmpty()) {
                log.info("{}: partitions assigned: {}", name, partitions);
            }
        }
    }
}
