package dev.flashsale.worker.kafka;

import dev.flashsale.worker.metrics.WorkerMetrics;
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
import org.apache.kafka.common.errors.UnsupportedVersionException;
import org.apache.kafka.common.errors.WakeupException;
import org.jooq.exception.DataAccessException;
import org.redisson.client.RedisException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One consumer thread: poll, decide, then publish the poll's results and commit its offsets in one Kafka transaction.
 *
 * <p>Failures are sorted three ways:
 *
 * <ul>
 *   <li><b>Transient</b> (the database or Redis unreachable while deciding): nothing is published; the consumer seeks
 *       back to the poll's first offsets and retries after a growing backoff, taking no new records meanwhile.
 *   <li><b>Recoverable</b> (a Kafka transaction that cannot commit: a rebalance moved the partitions, a timeout): the
 *       transaction is aborted and the consumer rewinds; or, when the producer itself was fenced, the consumer and
 *       producer are rebuilt. Decisions are in the database, so a redelivery re-publishes them.
 *   <li><b>Fatal</b> (authorization, authentication, an unsupported broker): the loop stops and reports it.
 * </ul>
 */
public final class PurchaseLoop implements Runnable {

    private static final Logger log = LoggerFactory.getLogger(PurchaseLoop.class);
    private static final Duration MAX_BACKOFF = Duration.ofSeconds(5);
    private static final Duration MIN_BACKOFF = Duration.ofMillis(100);

    /** What the loop is doing, for the readiness check. */
    public enum State {
        STARTING,
        CONSUMING,
        PAUSED,
        STOPPED,
        FAILED
    }

    private final String name;
    private final String requestsTopic;
    private final Supplier<Consumer<byte[], byte[]>> consumers;
    private final Supplier<Producer<byte[], byte[]>> producers;
    private final BatchDecider decider;
    private final Duration pollTimeout;
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
     * @param producers makes a transactional producer whose transactional id is unique to this loop
     */
    public PurchaseLoop(
            String name,
            String requestsTopic,
            Supplier<Consumer<byte[], byte[]>> consumers,
            Supplier<Producer<byte[], byte[]>> producers,
            BatchDecider decider,
            Duration pollTimeout,
            WorkerMetrics metrics) {
        this.name = name;
        this.requestsTopic = requestsTopic;
        this.consumers = consumers;
        this.producers = producers;
        this.decider = decider;
        this.pollTimeout = pollTimeout;
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
            while (running) {
                runSession();
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

    /** One consumer and one producer, used until a shutdown or until the producer is fenced. */
    private void runSession() {
        Producer<byte[], byte[]> producer = producers.get();
        Consumer<byte[], byte[]> session = consumers.get();
        consumer = session;
        try (producer;
                session) {
            producer.initTransactions();
            session.subscribe(List.of(requestsTopic), new LoggingRebalanceListener());
            state = State.CONSUMING;
            Duration backoff = MIN_BACKOFF;
            while (running) {
                ConsumerRecords<byte[], byte[]> records;
                try {
                    records = session.poll(pollTimeout);
                } catch (WakeupException wakeup) {
                    if (running) {
                        continue;
                    }
                    break;
                }
                if (records.isEmpty()) {
                    continue;
                }
                Outcome outcome = process(session, producer, records);
                switch (outcome) {
                    case COMMITTED -> {
                        backoff = MIN_BACKOFF;
                        state = State.CONSUMING;
                    }
                    case RETRY_LATER -> {
                        state = State.PAUSED;
                        pause(backoff);
                        backoff = min(backoff.multipliedBy(2), MAX_BACKOFF);
                    }
                    case ABORTED -> {}
                    case REBUILD -> {
                        return;
                    }
                }
            }
        } catch (WakeupException wakeup) {
            // stop() raced with a call other than poll; the records in hand were not committed and will be redelivered.
        } finally {
            consumer = null;
            assignedPartitions = 0;
        }
    }

    private enum Outcome {
        COMMITTED,
        RETRY_LATER,
        ABORTED,
        REBUILD
    }

    private Outcome process(
            Consumer<byte[], byte[]> session,
            Producer<byte[], byte[]> producer,
            ConsumerRecords<byte[], byte[]> records) {
        List<ConsumerRecord<byte[], byte[]>> polled = new ArrayList<>(records.count());
        records.forEach(polled::add);
        List<ProducerRecord<byte[], byte[]>> out;
        try {
            out = decider.decide(polled);
        } catch (DataAccessException e) {
            if (isIntegrityViolation(e)) {
                // A constraint (CHECK (stock >= 0), the unique request id) stopped a write the strategy should never
                // have attempted: the database's last line of defence worked. Deciding anyway would break an
                // invariant, so the poll is retried like an outage and the event is made loud.
                metrics.infrastructureFailure("database_constraint");
                log.error("{}: a database constraint rejected a decision; retrying the poll: {}", name, e.getMessage());
                rewind(session, polled);
                return Outcome.RETRY_LATER;
            }
            return retryLater(session, polled, "database", e);
        } catch (RedisException e) {
            return retryLater(session, polled, "redis", e);
        } catch (CancellationException e) {
            rewind(session, polled);
            return Outcome.RETRY_LATER;
        }
        try {
            producer.beginTransaction();
            for (ProducerRecord<byte[], byte[]> record : out) {
                producer.send(record);
            }
            producer.sendOffsetsToTransaction(nextOffsets(polled), session.groupMetadata());
            producer.commitTransaction();
        } catch (ProducerFencedException | InvalidProducerEpochException | OutOfOrderSequenceException e) {
            // This producer can no longer write; another instance took over or its state is broken. Start afresh.
            metrics.transactionAborted();
            log.warn(
                    "{}: producer fenced or out of sequence ({}); rebuilding consumer and producer",
                    name,
                    e.toString());
            return Outcome.REBUILD;
        } catch (AuthorizationException | AuthenticationException | UnsupportedVersionException fatal) {
            throw fatal;
        } catch (KafkaException e) {
            metrics.transactionAborted();
            metrics.infrastructureFailure("kafka");
            log.warn(
                    "{}: aborting a transaction of {} records ({}); they will be processed again",
                    name,
                    out.size(),
                    e.toString());
            try {
                producer.abortTransaction();
            } catch (KafkaException abortFailed) {
                log.warn("{}: abort failed too ({}); rebuilding consumer and producer", name, abortFailed.toString());
                return Outcome.REBUILD;
            }
            rewind(session, polled);
            return Outcome.ABORTED;
        }
        long now = System.currentTimeMillis();
        for (ConsumerRecord<byte[], byte[]> record : polled) {
            metrics.requestCompleted(Duration.ofMillis(now - record.timestamp()));
        }
        return Outcome.COMMITTED;
    }

    private Outcome retryLater(
            Consumer<byte[], byte[]> session,
            List<ConsumerRecord<byte[], byte[]>> polled,
            String resource,
            Exception e) {
        metrics.infrastructureFailure(resource);
        if (state != State.PAUSED) {
            log.warn("{}: {} unavailable, pausing and retrying: {}", name, resource, e.toString());
        }
        rewind(session, polled);
        return Outcome.RETRY_LATER;
    }

    /** SQLSTATE class 23: integrity constraint violation. */
    private static boolean isIntegrityViolation(DataAccessException e) {
        String state = e.sqlState();
        return state != null && state.startsWith("23");
    }

    /** Seeks every partition of the poll back to its first record in the poll, so nothing is skipped. */
    private static void rewind(Consumer<byte[], byte[]> session, List<ConsumerRecord<byte[], byte[]>> polled) {
        Map<TopicPartition, Long> first = new HashMap<>();
        for (ConsumerRecord<byte[], byte[]> record : polled) {
            first.merge(new TopicPartition(record.topic(), record.partition()), record.offset(), Math::min);
        }
        var assigned = session.assignment();
        first.forEach((partition, offset) -> {
            if (assigned.contains(partition)) {
                session.seek(partition, offset);
            }
        });
    }

    private static Map<TopicPartition, OffsetAndMetadata> nextOffsets(List<ConsumerRecord<byte[], byte[]>> polled) {
        Map<TopicPartition, OffsetAndMetadata> next = new HashMap<>();
        for (ConsumerRecord<byte[], byte[]> record : polled) {
            next.merge(
                    new TopicPartition(record.topic(), record.partition()),
                    new OffsetAndMetadata(record.offset() + 1),
                    (a, b) -> a.offset() >= b.offset() ? a : b);
        }
        return next;
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

    private final class LoggingRebalanceListener implements ConsumerRebalanceListener {
        @Override
        public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
            assignedPartitions = Math.max(0, assignedPartitions - partitions.size());
            if (!partitions.isEmpty()) {
                log.info("{}: partitions revoked: {}", name, partitions);
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
