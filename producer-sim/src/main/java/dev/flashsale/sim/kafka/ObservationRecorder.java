package dev.flashsale.sim.kafka;

import dev.flashsale.schema.event.Decoded;
import dev.flashsale.schema.event.EventCodec;
import dev.flashsale.schema.event.PurchaseResult;
import dev.flashsale.sim.verify.Observations;
import dev.flashsale.sim.verify.ObservedResult;
import dev.flashsale.sim.verify.SourcePosition;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/** Files records read from the results and dead-letter topics into {@link Observations}. Not thread-safe. */
final class ObservationRecorder {

    private final SaleTopics topics;
    private final boolean live;
    private final EventCodec codec = new EventCodec();
    private final Observations.Builder observations = Observations.builder();

    /**
     * @param live whether records are read as they are committed: each result is then stamped with the moment it was
     *     received, the end of its end-to-end latency; otherwise with its Kafka timestamp
     */
    ObservationRecorder(SaleTopics topics, boolean live) {
        this.topics = topics;
        this.live = live;
    }

    /** What one record added: a first result for a request id, a first dead letter for a position, or nothing new. */
    sealed interface Added {}

    record FirstResult(String requestId) implements Added {}

    record FirstDeadLetter(SourcePosition position) implements Added {}

    record NothingNew() implements Added {}

    Added add(ConsumerRecord<byte[], byte[]> record) {
        if (record.topic().equals(topics.results())) {
            Decoded<PurchaseResult> decoded = codec.decodeResult(record.value());
            if (decoded instanceof Decoded.Ok<PurchaseResult> ok) {
                long seenAt = live ? System.currentTimeMillis() : record.timestamp();
                boolean first = observations.result(new ObservedResult(ok.value(), seenAt));
                return first ? new FirstResult(ok.value().requestId()) : new NothingNew();
            }
            observations.undecodableResult();
            return new NothingNew();
        }
        SourcePosition position = sourcePosition(record);
        return observations.deadLetter(position) ? new FirstDeadLetter(position) : new NothingNew();
    }

    boolean hasResult(String requestId) {
        return observations.hasResult(requestId);
    }

    boolean hasDeadLetter(SourcePosition position) {
        return observations.hasDeadLetter(position);
    }

    Observations build() {
        return observations.build();
    }

    /** The requests-topic position a dead letter copies, or null when it names another topic or none. */
    private SourcePosition sourcePosition(ConsumerRecord<byte[], byte[]> record) {
        String topic = SimHeaders.text(record.headers(), SimHeaders.SOURCE_TOPIC);
        String partition = SimHeaders.text(record.headers(), SimHeaders.SOURCE_PARTITION);
        String offset = SimHeaders.text(record.headers(), SimHeaders.SOURCE_OFFSET);
        if (!topics.requests().equals(topic) || partition == null || offset == null) {
            return null;
        }
        try {
            return new SourcePosition(Integer.parseInt(partition), Long.parseLong(offset));
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
