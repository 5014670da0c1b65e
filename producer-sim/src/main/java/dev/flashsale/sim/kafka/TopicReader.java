package dev.flashsale.sim.kafka;

import dev.flashsale.schema.event.DecodeError;
import dev.flashsale.schema.event.Decoded;
import dev.flashsale.schema.event.EventCodec;
import dev.flashsale.schema.event.PurchaseRequest;
import dev.flashsale.sim.verify.Expectations;
import dev.flashsale.sim.verify.Observations;
import dev.flashsale.sim.verify.SourcePosition;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * Reads a sale's topics from the beginning to their current end, for the standalone {@code verify}: what was asked
 * (the requests topic) and what came back (results and dead letters).
 */
public final class TopicReader {

    private static final Duration METADATA_TIMEOUT = Duration.ofSeconds(30);

    private TopicReader() {}

    /**
     * What the requests topic says must come back.
     *
     * <p>With a {@code runId}, only the records the simulator stamped with that run id count (header {@value
     * SimHeaders#SIM_RUN}), and only order rows whose request id starts with {@code <runId>-} are read later. Without
     * one, every record on the topic counts. A record counts by what a worker can read from it, decoded with the same
     * codec: a readable request id expects a result, anything else a dead letter naming its position.
     */
    public static Expectations expectations(KafkaSettings kafka, String requestsTopic, String runId, Duration timeout) {
        EventCodec codec = new EventCodec();
        Expectations.Builder expected = Expectations.builder(runId == null ? null : runId + "-");
        readAll(kafka, List.of(requestsTopic), timeout, record -> {
            if (runId != null && !runId.equals(SimHeaders.text(record.headers(), SimHeaders.SIM_RUN))) {
                return;
            }
            String requestId = readableId(codec, record.value());
            if (requestId != null) {
                expected.request(requestId, record.timestamp());
            } else {
                expected.unreadable(new SourcePosition(record.partition(), record.offset()));
            }
        });
        return expected.build();
    }

    /** Every result and dead letter on the sale's topics, as a read_committed consumer sees them. */
    public static Observations observations(KafkaSettings kafka, SaleTopics topics, Duration timeout) {
        ObservationRecorder recorder = new ObservationRecorder(topics, false);
        readAll(kafka, List.of(topics.results(), topics.deadLetters()), timeout, recorder::add);
        return recorder.build();
    }

    private static void readAll(
            KafkaSettings kafka,
            List<String> topics,
            Duration timeout,
            java.util.function.Consumer<ConsumerRecord<byte[], byte[]>> handler) {
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(
                kafka.reader("flashsale-sim-verify"), new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = Partitions.of(consumer, METADATA_TIMEOUT, topics.toArray(String[]::new));
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            Partitions.readUpTo(consumer, end, timeout, handler);
        }
    }

    private static String readableId(EventCodec codec, byte[] value) {
        Decoded<PurchaseRequest> decoded = codec.decodeRequest(value);
        if (decoded instanceof Decoded.Ok<PurchaseRequest> ok) {
            return ok.value().requestId();
        }
        DecodeError error = ((Decoded.Invalid<PurchaseRequest>) decoded).error();
        return error.requestId();
    }
}
