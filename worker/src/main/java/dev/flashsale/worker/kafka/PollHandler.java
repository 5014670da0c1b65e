package dev.flashsale.worker.kafka;

import dev.flashsale.schema.event.DecodeError;
import dev.flashsale.schema.event.Decoded;
import dev.flashsale.schema.event.EventCodec;
import dev.flashsale.schema.event.PurchaseRequest;
import dev.flashsale.schema.event.PurchaseResult;
import dev.flashsale.worker.decision.Answer;
import dev.flashsale.worker.decision.Decider;
import dev.flashsale.worker.decision.Incoming;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeaders;

/**
 * Maps one poll's records in and out of the decider: each record is decoded into an {@link Incoming} (or, when no
 * request id can be read, copied to the dead-letter topic with the error in its headers), the decider answers, and
 * each answer becomes a result record keyed by request id. The output keeps the order of the poll.
 *
 * <p>A result goes to the results partition with the number of its request's partition (modulo the results topic's
 * partition count): co-partitioned, as stream processors place their output. A consumer thread's Kafka transaction
 * then touches one results partition per requests partition it owns instead of every results partition, which is what
 * the transaction's commit markers cost the broker, and all of a poll's results form one batch. The key stays the
 * request id.
 */
public final class PollHandler {

    /** Dead-letter headers: what went wrong and where the record came from. */
    public static final String HEADER_ERROR_KIND = "flashsale.error.kind";

    public static final String HEADER_ERROR_MESSAGE = "flashsale.error.message";
    public static final String HEADER_SOURCE_TOPIC = "flashsale.source.topic";
    public static final String HEADER_SOURCE_PARTITION = "flashsale.source.partition";
    public static final String HEADER_SOURCE_OFFSET = "flashsale.source.offset";

    private final EventCodec codec;
    private final Decider decider;
    private final String resultsTopic;
    private final String deadLetterTopic;

    public PollHandler(EventCodec codec, Decider decider, String resultsTopic, String deadLetterTopic) {
        this.codec = Objects.requireNonNull(codec, "codec");
        this.decider = Objects.requireNonNull(decider, "decider");
        this.resultsTopic = Objects.requireNonNull(resultsTopic, "resultsTopic");
        this.deadLetterTopic = Objects.requireNonNull(deadLetterTopic, "deadLetterTopic");
    }

    /**
     * What to publish for a poll.
     *
     * @param records the result and dead-letter records, in the order of the poll
     * @param results the results among them, for counting once they are committed
     * @param republished how many results answered a redelivery from storage
     * @param deadLetterKinds the error kind of each dead letter
     */
    public record Handled(
            List<ProducerRecord<byte[], byte[]>> records,
            List<PurchaseResult> results,
            int republished,
            List<DecodeError.Kind> deadLetterKinds) {}

    /**
     * Decides {@code polled}; failures of the decider propagate and nothing is returned for the poll.
     *
     * @param resultPartitions partitions of the results topic
     */
    public Handled handle(List<ConsumerRecord<byte[], byte[]>> polled, int resultPartitions) {
        List<Incoming> incoming = new ArrayList<>(polled.size());
        List<DecodeError> unreadable = new ArrayList<>(polled.size());
        for (ConsumerRecord<byte[], byte[]> record : polled) {
            Decoded<PurchaseRequest> decoded = codec.decodeRequest(record.value());
            if (decoded instanceof Decoded.Ok<PurchaseRequest> ok) {
                incoming.add(new Incoming.Request(ok.value()));
                unreadable.add(null);
            } else {
                DecodeError error = ((Decoded.Invalid<PurchaseRequest>) decoded).error();
                if (error.requestId() == null) {
                    unreadable.add(error);
                } else {
                    incoming.add(new Incoming.Invalid(
                            error.requestId(), error.userId(), error.itemId(), error.quantity(), error.message()));
                    unreadable.add(null);
                }
            }
        }
        List<Answer> answers = incoming.isEmpty() ? List.of() : decider.decide(incoming);
        if (answers.size() != incoming.size()) {
            throw new IllegalStateException(
                    "the decider answered " + answers.size() + " of " + incoming.size() + " requests");
        }
        List<ProducerRecord<byte[], byte[]>> out = new ArrayList<>(polled.size());
        List<PurchaseResult> results = new ArrayList<>(answers.size());
        List<DecodeError.Kind> deadLetterKinds = new ArrayList<>();
        int republished = 0;
        int next = 0;
        for (int i = 0; i < polled.size(); i++) {
            DecodeError error = unreadable.get(i);
            if (error != null) {
                out.add(deadLetter(polled.get(i), error));
                deadLetterKinds.add(error.kind());
                continue;
            }
            Answer answer = answers.get(next++);
            PurchaseResult result = answer.result();
            results.add(result);
            republished += answer.republished() ? 1 : 0;
            int partition = polled.get(i).partition() % resultPartitions;
            out.add(new ProducerRecord<>(resultsTopic, partition, utf8(result.requestId()), codec.encode(result)));
        }
        return new Handled(out, results, republished, deadLetterKinds);
    }

    private ProducerRecord<byte[], byte[]> deadLetter(ConsumerRecord<byte[], byte[]> source, DecodeError error) {
        RecordHeaders headers = new RecordHeaders();
        for (Header header : source.headers()) {
            headers.add(header);
        }
        headers.add(HEADER_ERROR_KIND, utf8(error.kind().name()));
        headers.add(HEADER_ERROR_MESSAGE, utf8(error.message()));
        headers.add(HEADER_SOURCE_TOPIC, utf8(source.topic()));
        headers.add(HEADER_SOURCE_PARTITION, utf8(Integer.toString(source.partition())));
        headers.add(HEADER_SOURCE_OFFSET, utf8(Long.toString(source.offset())));
        return new ProducerRecord<>(deadLetterTopic, null, source.key(), source.value(), headers);
    }

    private static byte[] utf8(String value) {
        return value.getBytes(StandardCharsets.UTF_8);
    }
}
