package dev.flashsale.worker.kafka;

import dev.flashsale.schema.db.tables.records.OrdersRecord;
import dev.flashsale.schema.event.DecodeError;
import dev.flashsale.schema.event.Decoded;
import dev.flashsale.schema.event.EventCodec;
import dev.flashsale.schema.event.PurchaseRequest;
import dev.flashsale.schema.event.PurchaseResult;
import dev.flashsale.schema.event.Reason;
import dev.flashsale.worker.metrics.WorkerMetrics;
import dev.flashsale.worker.store.OrderBook;
import dev.flashsale.worker.strategy.PurchaseStrategy;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.jooq.DSLContext;

/**
 * Turns one poll's records into the records to publish for them: a result per request whose id can be read, a
 * dead letter per record whose id cannot. Requests already decided (redeliveries) are answered from their stored
 * rows; the rest go to the strategy. Every result is built from an order row, so the same request always gets the
 * same answer.
 *
 * <p>Database and Redis failures propagate; the caller retries the whole poll later, and whatever was decided before
 * the failure is then found in the database.
 */
public final class BatchDecider {

    /** Dead-letter headers: what went wrong and where the record came from. */
    public static final String HEADER_ERROR_KIND = "flashsale.error.kind";

    public static final String HEADER_ERROR_MESSAGE = "flashsale.error.message";
    public static final String HEADER_SOURCE_TOPIC = "flashsale.source.topic";
    public static final String HEADER_SOURCE_PARTITION = "flashsale.source.partition";
    public static final String HEADER_SOURCE_OFFSET = "flashsale.source.offset";

    private final EventCodec codec;
    private final PurchaseStrategy strategy;
    private final OrderBook orders;
    private final DSLContext dsl;
    private final Topics topics;
    private final int maxQuantity;
    private final String workerId;
    private final Clock clock;
    private final WorkerMetrics metrics;

    /** Where results and dead letters go. */
    public record Topics(String results, String deadLetters) {}

    public BatchDecider(
            EventCodec codec,
            PurchaseStrategy strategy,
            OrderBook orders,
            DSLContext dsl,
            Topics topics,
            int maxQuantity,
            String workerId,
            Clock clock,
            WorkerMetrics metrics) {
        this.codec = Objects.requireNonNull(codec, "codec");
        this.strategy = Objects.requireNonNull(strategy, "strategy");
        this.orders = Objects.requireNonNull(orders, "orders");
        this.dsl = Objects.requireNonNull(dsl, "dsl");
        this.topics = Objects.requireNonNull(topics, "topics");
        this.maxQuantity = maxQuantity;
        this.workerId = Objects.requireNonNull(workerId, "workerId");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.metrics = Objects.requireNonNull(metrics, "metrics");
    }

    /** One record of the poll, classified. */
    private sealed interface Input {
        ConsumerRecord<byte[], byte[]> record();
    }

    private record Valid(ConsumerRecord<byte[], byte[]> record, PurchaseRequest request) implements Input {}

    private record InvalidWithId(
            ConsumerRecord<byte[], byte[]> record, String requestId, PurchaseRequest readable, String message)
            implements Input {}

    private record Unreadable(ConsumerRecord<byte[], byte[]> record, DecodeError error) implements Input {}

    /** Returns the records to publish for {@code polled}, in the order of the input. */
    public List<ProducerRecord<byte[], byte[]>> decide(List<ConsumerRecord<byte[], byte[]>> polled) {
        List<Input> inputs = new ArrayList<>(polled.size());
        for (ConsumerRecord<byte[], byte[]> record : polled) {
            inputs.add(classify(record));
        }

        // The first record of a request id in this poll is the one decided; later copies reuse its row.
        Map<String, PurchaseRequest> firstById = new LinkedHashMap<>();
        Set<String> ids = new HashSet<>();
        for (Input input : inputs) {
            if (input instanceof Valid valid) {
                firstById.putIfAbsent(valid.request().requestId(), valid.request());
                ids.add(valid.request().requestId());
            } else if (input instanceof InvalidWithId invalid) {
                ids.add(invalid.requestId());
            }
        }

        Map<String, OrdersRecord> storedBefore = orders.find(dsl, ids);
        List<PurchaseRequest> fresh = firstById.values().stream()
                .filter(request -> !storedBefore.containsKey(request.requestId()))
                .toList();
        if (!fresh.isEmpty()) {
            long start = System.nanoTime();
            strategy.decide(fresh);
            metrics.batchDecided(fresh.size(), Duration.ofNanos(System.nanoTime() - start));
        }
        Map<String, OrdersRecord> rows = new LinkedHashMap<>(storedBefore);
        for (Input input : inputs) {
            if (input instanceof InvalidWithId invalid && !rows.containsKey(invalid.requestId())) {
                PurchaseRequest r = invalid.readable();
                rows.put(
                        invalid.requestId(),
                        orders.recordInvalid(
                                dsl,
                                invalid.requestId(),
                                r == null ? null : r.userId(),
                                r == null ? null : r.itemId(),
                                r == null ? null : r.quantity()));
            }
        }
        List<String> decidedNow = fresh.stream().map(PurchaseRequest::requestId).toList();
        rows.putAll(orders.find(dsl, decidedNow));

        List<ProducerRecord<byte[], byte[]>> out = new ArrayList<>(inputs.size());
        for (Input input : inputs) {
            out.add(output(input, rows, storedBefore));
        }
        return out;
    }

    private Input classify(ConsumerRecord<byte[], byte[]> record) {
        Decoded<PurchaseRequest> decoded = codec.decodeRequest(record.value());
        if (decoded instanceof Decoded.Invalid<PurchaseRequest> invalid) {
            DecodeError error = invalid.error();
            return error.requestId() == null
                    ? new Unreadable(record, error)
                    : new InvalidWithId(record, error.requestId(), null, error.message());
        }
        PurchaseRequest request = ((Decoded.Ok<PurchaseRequest>) decoded).value();
        if (request.quantity() > maxQuantity) {
            return new InvalidWithId(
                    record,
                    request.requestId(),
                    request,
                    "quantity must be between 1 and " + maxQuantity + ", got " + request.quantity());
        }
        return new Valid(record, request);
    }

    private ProducerRecord<byte[], byte[]> output(
            Input input, Map<String, OrdersRecord> rows, Map<String, OrdersRecord> storedBefore) {
        if (input instanceof Unreadable unreadable) {
            return deadLetter(unreadable);
        }
        if (input instanceof Valid valid) {
            PurchaseRequest request = valid.request();
            OrdersRecord row = required(rows, request.requestId());
            if (!OrderBook.samePurchase(row, request)) {
                // The id was already used for another purchase: answer this one without touching that decision.
                return result(PurchaseResult.of(
                        request, Reason.DUPLICATE_REQUEST, strategy.name().id(), workerId, now()));
            }
            if (storedBefore.containsKey(request.requestId())) {
                metrics.republished();
            }
            return result(OrderBook.toResult(row));
        }
        InvalidWithId invalid = (InvalidWithId) input;
        OrdersRecord row = required(rows, invalid.requestId());
        if (Reason.INVALID_REQUEST.name().equals(row.getReason())) {
            return result(OrderBook.toResult(row));
        }
        return result(PurchaseResult.invalidRequest(
                invalid.requestId(), strategy.name().id(), workerId, now()));
    }

    private static OrdersRecord required(Map<String, OrdersRecord> rows, String requestId) {
        OrdersRecord row = rows.get(requestId);
        if (row == null) {
            throw new IllegalStateException("no order row for request " + requestId + " after deciding it");
        }
        return row;
    }

    private ProducerRecord<byte[], byte[]> result(PurchaseResult result) {
        metrics.decided(result);
        return new ProducerRecord<>(
                topics.results(), null, result.requestId().getBytes(StandardCharsets.UTF_8), codec.encode(result));
    }

    private ProducerRecord<byte[], byte[]> deadLetter(Unreadable unreadable) {
        ConsumerRecord<byte[], byte[]> source = unreadable.record();
        RecordHeaders headers = new RecordHeaders();
        for (Header header : source.headers()) {
            headers.add(header);
        }
        headers.add(HEADER_ERROR_KIND, utf8(unreadable.error().kind().name()));
        headers.add(HEADER_ERROR_MESSAGE, utf8(unreadable.error().message()));
        headers.add(HEADER_SOURCE_TOPIC, utf8(source.topic()));
        headers.add(HEADER_SOURCE_PARTITION, utf8(Integer.toString(source.partition())));
        headers.add(HEADER_SOURCE_OFFSET, utf8(Long.toString(source.offset())));
        metrics.deadLettered(unreadable.error().kind().name());
        return new ProducerRecord<>(topics.deadLetters(), null, source.key(), source.value(), headers);
    }

    private Instant now() {
        return Instant.now(clock).truncatedTo(ChronoUnit.MICROS);
    }

    private static byte[] utf8(String value) {
        return value.getBytes(StandardCharsets.UTF_8);
    }
}
