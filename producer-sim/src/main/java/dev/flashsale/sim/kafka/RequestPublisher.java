package dev.flashsale.sim.kafka;

import dev.flashsale.sim.verify.Expectations;
import dev.flashsale.sim.verify.SourcePosition;
import dev.flashsale.sim.workload.PlannedRecord;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * Publishes a run's records to the requests topic and learns, from the broker's acknowledgements, where each landed:
 * that is what the verifier expects back. Each record carries its send time as its Kafka timestamp (so latency can be
 * measured from the topic alone) and the run id and sequence number as headers.
 */
public final class RequestPublisher implements AutoCloseable {

    private final KafkaProducer<byte[], byte[]> producer;
    private final String topic;
    private final AtomicLong sent = new AtomicLong();
    private final AtomicLong acknowledged = new AtomicLong();

    /** The outcome of publishing: what the broker accepted, and when the first and last record were sent. */
    public record Published(Expectations expectations, long firstSendMs, long lastSendMs, String firstError) {}

    public RequestPublisher(KafkaSettings kafka, String topic) {
        this.topic = Objects.requireNonNull(topic, "topic");
        this.producer = new KafkaProducer<>(
                kafka.producer("flashsale-sim-" + topic), new ByteArraySerializer(), new ByteArraySerializer());
    }

    /** Records handed to the producer so far. */
    public long sent() {
        return sent.get();
    }

    /** Records the broker has acknowledged so far. */
    public long acknowledged() {
        return acknowledged.get();
    }

    /**
     * Sends {@code plan} in order at {@code ratePerSecond} (0: as fast as possible) and waits for every
     * acknowledgement. A record the producer gives up on is counted as a send failure and expected nowhere.
     */
    public Published publish(String runId, String requestIdPrefix, List<PlannedRecord> plan, double ratePerSecond) {
        Throttle throttle = new Throttle(ratePerSecond);
        Expectations.Builder expected = Expectations.builder(requestIdPrefix);
        AtomicReference<String> firstError = new AtomicReference<>();
        byte[] run = SimHeaders.utf8(runId);
        long first = -1;
        long last = -1;
        for (int i = 0; i < plan.size(); i++) {
            throttle.acquire(i);
            if (Thread.currentThread().isInterrupted()) {
                throw new IllegalStateException("interrupted while publishing to topic " + topic);
            }
            PlannedRecord record = plan.get(i);
            long now = System.currentTimeMillis();
            first = first < 0 ? now : first;
            last = now;
            RecordHeaders headers = new RecordHeaders();
            headers.add(SimHeaders.SIM_RUN, run);
            headers.add(SimHeaders.SIM_SEQ, SimHeaders.utf8(Integer.toString(record.seq())));
            ProducerRecord<byte[], byte[]> out =
                    new ProducerRecord<>(topic, null, now, record.key(), record.value(), headers);
            producer.send(out, (metadata, error) -> {
                // Runs on the producer's I/O thread; flush() below waits for every callback.
                synchronized (expected) {
                    if (error != null) {
                        expected.sendFailure();
                        firstError.compareAndSet(null, error.toString());
                    } else if (record.expectsResult()) {
                        expected.request(record.requestId(), now);
                    } else {
                        expected.unreadable(new SourcePosition(metadata.partition(), metadata.offset()));
                    }
                }
                acknowledged.incrementAndGet();
            });
            sent.incrementAndGet();
        }
        producer.flush();
        synchronized (expected) {
            return new Published(expected.build(), first, last, firstError.get());
        }
    }

    @Override
    public void close() {
        producer.close();
    }
}
