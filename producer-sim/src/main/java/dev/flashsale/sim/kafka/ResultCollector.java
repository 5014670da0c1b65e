package dev.flashsale.sim.kafka;

import dev.flashsale.sim.verify.Expectations;
import dev.flashsale.sim.verify.Observations;
import dev.flashsale.sim.verify.SourcePosition;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * Reads the results and dead-letter topics on a thread of its own while a run publishes, from where those topics
 * ended when the collector started. Once told what to expect ({@link #finish}), it stops when everything expected has
 * arrived or the timeout has passed, then reads on to the topics' current end so that a duplicate committed by then is
 * seen too.
 */
public final class ResultCollector implements AutoCloseable {

    private static final Duration METADATA_TIMEOUT = Duration.ofSeconds(30);
    private static final Duration DRAIN_TIMEOUT = Duration.ofSeconds(60);

    private final KafkaSettings kafka;
    private final SaleTopics topics;
    private final ObservationRecorder recorder;
    private final AtomicLong answered = new AtomicLong();
    private final AtomicLong deadLettered = new AtomicLong();
    private final CountDownLatch positioned = new CountDownLatch(1);
    private final Thread thread;

    private volatile Expectations expected;
    private volatile long deadlineNanos;
    private volatile boolean stopRequested;
    private volatile boolean complete;
    private volatile RuntimeException failure;

    // Confined to the collector thread: what is still missing once the expectations are known.
    private Set<String> missingIds;
    private Set<SourcePosition> missingDeadLetters;

    /** What the collector saw, and whether everything expected arrived before the timeout. */
    public record Collected(Observations observations, boolean complete) {}

    private ResultCollector(KafkaSettings kafka, SaleTopics topics) {
        this.kafka = kafka;
        this.topics = topics;
        this.recorder = new ObservationRecorder(topics, true);
        this.thread = new Thread(this::run, "flashsale-sim-results");
        this.thread.setDaemon(true);
    }

    /**
     * Starts reading; returns once the start positions are fixed, so that every result published after this call
     * returns is seen.
     */
    public static ResultCollector start(KafkaSettings kafka, SaleTopics topics) {
        ResultCollector collector = new ResultCollector(kafka, topics);
        collector.thread.start();
        try {
            if (!collector.positioned.await(METADATA_TIMEOUT.toSeconds() * 2, TimeUnit.SECONDS)) {
                collector.close();
                throw new IllegalStateException("timed out positioning a reader on topics " + topics.results() + " and "
                        + topics.deadLetters());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            collector.close();
            throw new IllegalStateException("interrupted while starting the result reader", e);
        }
        if (collector.failure != null) {
            throw collector.failure;
        }
        return collector;
    }

    /** Distinct request ids answered so far (any run's). */
    public long answered() {
        return answered.get();
    }

    /** Distinct dead letters of the requests topic seen so far. */
    public long deadLettered() {
        return deadLettered.get();
    }

    /**
     * Tells the collector what to expect and waits until it all arrived or {@code timeout} passed.
     *
     * @throws IllegalStateException when reading failed
     */
    public Collected finish(Expectations expectations, Duration timeout) {
        deadlineNanos = System.nanoTime() + timeout.toNanos();
        expected = expectations;
        try {
            thread.join(timeout.plus(DRAIN_TIMEOUT).plus(METADATA_TIMEOUT).toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            stopRequested = true;
            throw new IllegalStateException("interrupted while waiting for results", e);
        }
        if (thread.isAlive()) {
            stopRequested = true;
            throw new IllegalStateException("the result reader did not finish reading " + topics.results());
        }
        if (failure != null) {
            throw failure;
        }
        return new Collected(recorder.build(), complete);
    }

    private void run() {
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(
                kafka.reader("flashsale-sim-results"), new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> partitions =
                    Partitions.of(consumer, METADATA_TIMEOUT, topics.results(), topics.deadLetters());
            consumer.assign(partitions);
            consumer.seekToEnd(partitions);
            partitions.forEach(consumer::position);
            positioned.countDown();
            collect(consumer);
            if (!stopRequested) {
                Partitions.readUpTo(consumer, consumer.endOffsets(partitions), DRAIN_TIMEOUT, this::add);
            }
        } catch (RuntimeException e) {
            failure = new IllegalStateException(
                    "reading topics " + topics.results() + " and " + topics.deadLetters() + " failed", e);
        } finally {
            positioned.countDown();
        }
    }

    private void collect(KafkaConsumer<byte[], byte[]> consumer) {
        while (!stopRequested) {
            consumer.poll(Duration.ofMillis(100)).forEach(this::add);
            Expectations now = expected;
            if (now == null) {
                continue;
            }
            if (missingIds == null) {
                missingIds = new HashSet<>();
                now.deliveries().keySet().stream()
                        .filter(id -> !recorder.hasResult(id))
                        .forEach(missingIds::add);
                missingDeadLetters = new HashSet<>();
                now.deadLetters().stream()
                        .filter(position -> !recorder.hasDeadLetter(position))
                        .forEach(missingDeadLetters::add);
            }
            if (missingIds.isEmpty() && missingDeadLetters.isEmpty()) {
                complete = true;
                return;
            }
            if (System.nanoTime() > deadlineNanos) {
                return;
            }
        }
    }

    private void add(ConsumerRecord<byte[], byte[]> record) {
        ObservationRecorder.Added added = recorder.add(record);
        if (added instanceof ObservationRecorder.FirstResult first) {
            answered.incrementAndGet();
            if (missingIds != null) {
                missingIds.remove(first.requestId());
            }
        } else if (added instanceof ObservationRecorder.FirstDeadLetter first) {
            deadLettered.incrementAndGet();
            if (missingDeadLetters != null) {
                missingDeadLetters.remove(first.position());
            }
        }
    }

    /** Stops reading at once if still running. */
    @Override
    public void close() {
        stopRequested = true;
        try {
            thread.join(DRAIN_TIMEOUT.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
