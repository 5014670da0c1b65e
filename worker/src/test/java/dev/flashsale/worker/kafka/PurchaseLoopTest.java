package dev.flashsale.worker.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flashsale.schema.event.EventCodec;
import dev.flashsale.schema.event.PurchaseRequest;
import dev.flashsale.schema.event.PurchaseResult;
import dev.flashsale.worker.decision.Answer;
import dev.flashsale.worker.decision.Decider;
import dev.flashsale.worker.decision.Incoming;
import dev.flashsale.worker.metrics.WorkerMetrics;
import dev.flashsale.worker.model.IntegrityViolation;
import dev.flashsale.worker.model.Unavailable;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Supplier;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.MockConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RoundRobinPartitioner;
import org.apache.kafka.common.Cluster;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.apache.kafka.common.errors.UnreleasedInstanceIdException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;

/**
 * How the consume loop sorts failures, run on Kafka's mock consumer and producer on the test's own thread: each step of
 * a scenario is a task the mock consumer runs inside one poll, and the last one stops the loop.
 */
class PurchaseLoopTest {

    private static final String REQUESTS = "requests";
    private static final String RESULTS = "results";
    private static final String DEAD_LETTERS = "requests.DLT";
    private static final TopicPartition PARTITION = new TopicPartition(REQUESTS, 0);
    /** Commit after every poll, so that each step's outcome is visible to the next. */
    private static final PurchaseLoop.Batching EVERY_POLL =
            new PurchaseLoop.Batching(Duration.ofMillis(10), Duration.ZERO, 1_000);

    private final EventCodec codec = new EventCodec();
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final WorkerMetrics metrics = new WorkerMetrics(registry, "atomic");
    private final ScriptedDecider decider = new ScriptedDecider();
    private final List<MockConsumer<byte[], byte[]>> consumers = new ArrayList<>();
    private final List<MockProducer<byte[], byte[]>> producers = new ArrayList<>();
    private final List<PurchaseLoop.State> statesSeen = new CopyOnWriteArrayList<>();
    private PurchaseLoop loop;

    @Test
    void publishesOneResultPerRequestAndCommitsTheOffsetsInTheSameTransaction() {
        MockConsumer<byte[], byte[]> consumer = consumer();
        consumer.schedulePollTask(() -> deliver(consumer, 0, 3));
        consumer.schedulePollTask(this::stopAfterThisPoll);

        run(consumer);

        MockProducer<byte[], byte[]> producer = producers.get(0);
        assertThat(requestIds(producer.history())).containsExactly("r0", "r1", "r2");
        assertThat(lastCommittedOffset(producer)).isEqualTo(3);
        assertThat(producer.transactionCommitted()).isTrue();
        assertThat(decisions()).isEqualTo(3);
        assertThat(loop.state()).isEqualTo(PurchaseLoop.State.STOPPED);
    }

    @Test
    void anOutageWhileDecidingAbortsRewindsAndRetriesThePollAfterABackoff() {
        MockConsumer<byte[], byte[]> consumer = consumer();
        decider.failures.add(new Unavailable(Unavailable.DATABASE, "deciding", new RuntimeException("refused")));
        consumer.schedulePollTask(() -> deliver(consumer, 0, 2));
        consumer.schedulePollTask(() -> {
            // The failed poll was rewound: the broker would hand the same records over again.
            assertThat(consumer.position(PARTITION)).isZero();
            statesSeen.add(loop.state());
            deliver(consumer, 0, 2);
        });
        consumer.schedulePollTask(this::stopAfterThisPoll);

        run(consumer);

        MockProducer<byte[], byte[]> producer = producers.get(0);
        assertThat(statesSeen).containsExactly(PurchaseLoop.State.PAUSED);
        assertThat(requestIds(producer.history())).containsExactly("r0", "r1");
        assertThat(lastCommittedOffset(producer)).isEqualTo(2);
        assertThat(infrastructureFailures(Unavailable.DATABASE)).isEqualTo(1);
        assertThat(decisions())
                .as("each decision counted once, after its commit")
                .isEqualTo(2);
    }

    @Test
    void aConstraintRefusingAWriteIsHeldBackLikeAnOutage() {
        MockConsumer<byte[], byte[]> consumer = consumer();
        decider.failures.add(new IntegrityViolation("stock would go below zero", new RuntimeException("23514")));
        consumer.schedulePollTask(() -> deliver(consumer, 0, 1));
        consumer.schedulePollTask(() -> deliver(consumer, 0, 1));
        consumer.schedulePollTask(this::stopAfterThisPoll);

        run(consumer);

        assertThat(requestIds(producers.get(0).history())).containsExactly("r0");
        assertThat(infrastructureFailures(WorkerMetrics.DATABASE_CONSTRAINT)).isEqualTo(1);
    }

    @Test
    void aCommitThatFailsIsAbortedAndItsRecordsAreRedeliveredNotCountedTwice() {
        MockConsumer<byte[], byte[]> consumer = consumer();
        consumer.schedulePollTask(() -> {
            producers.get(0).commitTransactionException = new TimeoutException("commit timed out");
            deliver(consumer, 0, 2);
        });
        consumer.schedulePollTask(() -> {
            assertThat(consumer.position(PARTITION))
                    .as("rewound to the first uncommitted record")
                    .isZero();
            producers.get(0).commitTransactionException = null;
            deliver(consumer, 0, 2);
        });
        consumer.schedulePollTask(this::stopAfterThisPoll);

        run(consumer);

        MockProducer<byte[], byte[]> producer = producers.get(0);
        assertThat(requestIds(producer.history())).as("only the committed copy").containsExactly("r0", "r1");
        assertThat(registry.get(WorkerMetrics.TRANSACTIONS_ABORTED).counter().count())
                .isEqualTo(1);
        assertThat(infrastructureFailures(WorkerMetrics.KAFKA)).isEqualTo(1);
        assertThat(decisions()).isEqualTo(2);
    }

    @Test
    void aFencedProducerIsReplacedTogetherWithItsConsumer() {
        MockConsumer<byte[], byte[]> first = consumer();
        MockConsumer<byte[], byte[]> second = consumer();
        first.schedulePollTask(() -> {
            producers.get(0).fenceProducer();
            deliver(first, 0, 2);
        });
        second.schedulePollTask(() -> deliver(second, 0, 2));
        second.schedulePollTask(this::stopAfterThisPoll);

        run(first, second);

        assertThat(producers).hasSize(2);
        assertThat(producers.get(0).history()).isEmpty();
        assertThat(first.closed()).isTrue();
        assertThat(requestIds(producers.get(1).history())).containsExactly("r0", "r1");
        assertThat(lastCommittedOffset(producers.get(1))).isEqualTo(2);
        assertThat(loop.state()).isEqualTo(PurchaseLoop.State.STOPPED);
    }

    @Test
    void aProducerFencedInTheMiddleOfATransactionIsReplacedAndTheTransactionRedelivered() {
        MockConsumer<byte[], byte[]> first = consumer();
        MockConsumer<byte[], byte[]> second = consumer();
        PurchaseLoop.Batching longTransactions =
                new PurchaseLoop.Batching(Duration.ofMillis(10), Duration.ofHours(1), 1_000);
        first.schedulePollTask(() -> deliver(first, 0, 1));
        first.schedulePollTask(() -> {
            // A transaction is open with r0 in it; the next send finds the producer fenced.
            producers.get(0).fenceProducer();
            deliver(first, 1, 1);
        });
        second.schedulePollTask(() -> deliver(second, 0, 2));
        second.schedulePollTask(this::stopAfterThisPoll);

        run(longTransactions, first, second);

        assertThat(producers.get(0).history())
                .as("nothing of the fenced transaction")
                .isEmpty();
        assertThat(requestIds(producers.get(1).history())).containsExactly("r0", "r1");
        assertThat(decisions()).isEqualTo(2);
    }

    @Test
    void aReplacementWhoseMemberIdIsStillHeldWaitsAndJoinsAgain() {
        MockConsumer<byte[], byte[]> refused = consumer();
        MockConsumer<byte[], byte[]> admitted = consumer();
        refused.schedulePollTask(() -> refused.setPollException(new UnreleasedInstanceIdException("id still owned")));
        admitted.schedulePollTask(() -> {
            statesSeen.add(loop.state());
            deliver(admitted, 0, 1);
        });
        admitted.schedulePollTask(this::stopAfterThisPoll);

        run(refused, admitted);

        assertThat(statesSeen).containsExactly(PurchaseLoop.State.CONSUMING);
        assertThat(refused.closed()).isTrue();
        assertThat(requestIds(producers.get(1).history())).containsExactly("r0");
        assertThat(infrastructureFailures(WorkerMetrics.KAFKA)).isEqualTo(1);
        assertThat(loop.state()).isEqualTo(PurchaseLoop.State.STOPPED);
    }

    @Test
    void anAuthorizationErrorStopsTheLoopAndIsReported() {
        MockConsumer<byte[], byte[]> consumer = consumer();
        consumer.schedulePollTask(() -> {
            producers.get(0).sendException = new TopicAuthorizationException(Set.of(RESULTS));
            deliver(consumer, 0, 1);
        });

        run(consumer);

        assertThat(loop.state()).isEqualTo(PurchaseLoop.State.FAILED);
        assertThat(loop.failure()).isInstanceOf(TopicAuthorizationException.class);
        assertThat(decisions()).isZero();
    }

    @Test
    void recordsWithoutARequestIdGoToTheDeadLetterTopicInTheSameTransaction() {
        MockConsumer<byte[], byte[]> consumer = consumer();
        consumer.schedulePollTask(() -> {
            consumer.addRecord(record(0, "not json".getBytes(StandardCharsets.UTF_8)));
            consumer.addRecord(record(1, codec.encode(request(1))));
        });
        consumer.schedulePollTask(this::stopAfterThisPoll);

        run(consumer);

        List<ProducerRecord<byte[], byte[]>> sent = producers.get(0).history();
        assertThat(sent).extracting(ProducerRecord::topic).containsExactly(DEAD_LETTERS, RESULTS);
        assertThat(lastCommittedOffset(producers.get(0))).isEqualTo(2);
    }

    @Test
    void stoppingCommitsWhatThePollInHandDecided() {
        MockConsumer<byte[], byte[]> consumer = consumer();
        PurchaseLoop.Batching longTransactions =
                new PurchaseLoop.Batching(Duration.ofMillis(10), Duration.ofHours(1), 1_000);
        consumer.schedulePollTask(() -> deliver(consumer, 0, 2));
        consumer.schedulePollTask(this::stopAfterThisPoll);

        run(longTransactions, consumer);

        assertThat(requestIds(producers.get(0).history())).containsExactly("r0", "r1");
        assertThat(lastCommittedOffset(producers.get(0))).isEqualTo(2);
        assertThat(decisions()).isEqualTo(2);
    }

    // --- the scenario plumbing

    @SafeVarargs
    private void run(MockConsumer<byte[], byte[]>... sessions) {
        run(EVERY_POLL, sessions);
    }

    @SafeVarargs
    private void run(PurchaseLoop.Batching batching, MockConsumer<byte[], byte[]>... sessions) {
        Deque<MockConsumer<byte[], byte[]>> next = new ArrayDeque<>(List.of(sessions));
        Supplier<org.apache.kafka.clients.consumer.Consumer<byte[], byte[]>> consumerSupplier = () -> {
            MockConsumer<byte[], byte[]> session = next.poll();
            assertThat(session)
                    .as("a consumer for every session the scenario expects")
                    .isNotNull();
            return session;
        };
        Supplier<org.apache.kafka.clients.producer.Producer<byte[], byte[]>> producerSupplier = () -> {
            MockProducer<byte[], byte[]> producer = new MockProducer<>(
                    cluster(), true, new RoundRobinPartitioner(), new ByteArraySerializer(), new ByteArraySerializer());
            producers.add(producer);
            return producer;
        };
        loop = new PurchaseLoop(
                "test-0",
                REQUESTS,
                RESULTS,
                consumerSupplier,
                producerSupplier,
                new PollHandler(codec, decider, RESULTS, DEAD_LETTERS),
                batching,
                metrics);
        loop.run();
    }

    /** A consumer that is given the requests partition, at offset 0, on its first poll. */
    private MockConsumer<byte[], byte[]> consumer() {
        MockConsumer<byte[], byte[]> consumer = new MockConsumer<>("earliest");
        consumer.updateBeginningOffsets(Map.of(PARTITION, 0L));
        consumer.schedulePollTask(() -> consumer.rebalance(List.of(PARTITION)));
        consumers.add(consumer);
        return consumer;
    }

    private void stopAfterThisPoll() {
        loop.stop();
    }

    private void deliver(MockConsumer<byte[], byte[]> consumer, int from, int count) {
        for (int offset = from; offset < from + count; offset++) {
            consumer.addRecord(record(offset, codec.encode(request(offset))));
        }
    }

    private static ConsumerRecord<byte[], byte[]> record(long offset, byte[] value) {
        return new ConsumerRecord<>(REQUESTS, 0, offset, null, value);
    }

    private static PurchaseRequest request(long offset) {
        return new PurchaseRequest("r" + offset, "u" + offset, "sku", 1);
    }

    private List<String> requestIds(List<ProducerRecord<byte[], byte[]>> sent) {
        return sent.stream()
                .filter(record -> record.topic().equals(RESULTS))
                .map(record -> new String(record.key(), StandardCharsets.UTF_8))
                .toList();
    }

    private static long lastCommittedOffset(MockProducer<byte[], byte[]> producer) {
        List<Map<String, Map<TopicPartition, OffsetAndMetadata>>> history = producer.consumerGroupOffsetsHistory();
        assertThat(history).as("offsets committed in a transaction").isNotEmpty();
        Map<String, Map<TopicPartition, OffsetAndMetadata>> last = history.get(history.size() - 1);
        return last.values().iterator().next().get(PARTITION).offset();
    }

    private double decisions() {
        return registry.find(WorkerMetrics.DECISIONS).counters().stream()
                .mapToDouble(c -> c.count())
                .sum();
    }

    private double infrastructureFailures(String resource) {
        return registry.get(WorkerMetrics.INFRASTRUCTURE_FAILURES)
                .tag("resource", resource)
                .counter()
                .count();
    }

    private static Cluster cluster() {
        Node node = new Node(0, "localhost", 9092);
        List<PartitionInfo> partitions = List.of(
                new PartitionInfo(RESULTS, 0, node, new Node[] {node}, new Node[] {node}),
                new PartitionInfo(DEAD_LETTERS, 0, node, new Node[] {node}, new Node[] {node}));
        return new Cluster("test", List.of(node), partitions, Set.of(), Set.of());
    }

    /** Buys every request; throws the queued failures first, one per call. */
    private static final class ScriptedDecider implements Decider {
        final Deque<RuntimeException> failures = new ArrayDeque<>();

        @Override
        public List<Answer> decide(List<Incoming> polled) {
            RuntimeException failure = failures.poll();
            if (failure != null) {
                throw failure;
            }
            return polled.stream()
                    .map(incoming -> ((Incoming.Request) incoming).request())
                    .map(request -> new Answer(
                            PurchaseResult.succeeded(
                                    request, UUID.randomUUID().toString(), "atomic", "w-1", Instant.EPOCH),
                            false))
                    .toList();
        }
    }
}
