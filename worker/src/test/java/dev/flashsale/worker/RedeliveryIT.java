package dev.flashsale.worker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.flashsale.schema.db.tables.records.OrdersRecord;
import dev.flashsale.schema.event.PurchaseRequest;
import dev.flashsale.schema.event.PurchaseResult;
import dev.flashsale.schema.event.Reason;
import dev.flashsale.schema.event.Status;
import dev.flashsale.worker.config.WorkerConfig;
import dev.flashsale.worker.metrics.WorkerMetrics;
import dev.flashsale.worker.store.OrderRow;
import dev.flashsale.worker.strategy.StrategyName;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.junit.jupiter.api.Test;

/**
 * A worker decides a poll and dies before its Kafka transaction commits; its replacement gets the same records again
 * and must answer them from the stored decisions, without deciding (or decrementing) twice.
 */
class RedeliveryIT {

    @Test
    void replacementRepublishesStoredDecisionsWithoutDecidingTwice() {
        try (SaleFixture sale = new SaleFixture("redelivery")) {
            sale.seed("item", 30, null);
            List<PurchaseRequest> requests = IntStream.range(0, 50)
                    .mapToObj(i -> new PurchaseRequest("req-" + i, "user-" + i, "item", 1))
                    .toList();
            sale.sendByUser(requests);

            // The worker that dies: polls in the group, decides everything in the database, never commits to Kafka.
            WorkerConfig config = sale.config(StrategyName.ATOMIC, "doomed", 1);
            List<ConsumerRecord<byte[], byte[]>> polled = new ArrayList<>();
            try (KafkaConsumer<byte[], byte[]> doomed = new KafkaConsumer<>(
                    Map.of(
                            ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                            config.bootstrapServers(),
                            ConsumerConfig.GROUP_ID_CONFIG,
                            config.groupId(),
                            ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG,
                            false,
                            ConsumerConfig.AUTO_OFFSET_RESET_CONFIG,
                            "earliest"),
                    new ByteArrayDeserializer(),
                    new ByteArrayDeserializer())) {
                doomed.subscribe(List.of(config.requestsTopic()));
                await("the doomed worker sees every request")
                        .atMost(Duration.ofSeconds(30))
                        .pollInSameThread()
                        .pollInterval(Duration.ZERO)
                        .until(() -> {
                            doomed.poll(Duration.ofMillis(200)).forEach(polled::add);
                            return polled.size() >= requests.size();
                        });
                assertThat(polled).as("the doomed worker saw every request").hasSize(requests.size());
                // The doomed worker's own wiring, minus its consume loops: it decides, then dies before publishing.
                try (WorkerModule doomedWorker = new WorkerModule(config)) {
                    doomedWorker.pollHandler().handle(polled, SaleFixture.PARTITIONS);
                }
            }
            Map<String, OrderRow> storedBeforeRestart = byRequestId(sale.orders());
            assertThat(storedBeforeRestart).as("all decided before the crash").hasSize(requests.size());
            assertThat(sale.results())
                    .as("nothing was published by the doomed worker")
                    .isEmpty();

            Worker replacement = sale.startWorker(sale.config(StrategyName.ATOMIC, "replacement", 2));
            List<PurchaseResult> results = sale.awaitResults(requests.size(), Duration.ofMinutes(1));

            assertThat(results).as("one result per request").hasSize(requests.size());
            assertThat(sale.orders()).as("no new order rows").hasSize(requests.size());
            assertThat(sale.stock("item")).as("stock decremented once per sale").isZero();
            assertThat(results)
                    .as("each re-published result equals the stored decision")
                    .allSatisfy(result -> assertThat(result)
                            .isEqualTo(
                                    storedBeforeRestart.get(result.requestId()).toResult()));
            assertThat(replacement
                            .registry()
                            .get(WorkerMetrics.REPUBLISHED)
                            .counter()
                            .count())
                    .as("the replacement answered from storage")
                    .isEqualTo(requests.size());
        }
    }

    private static Map<String, OrderRow> byRequestId(List<OrdersRecord> rows) {
        return rows.stream().map(RedeliveryIT::row).collect(Collectors.toMap(OrderRow::requestId, Function.identity()));
    }

    /** A stored row as the worker reads it back. */
    private static OrderRow row(OrdersRecord record) {
        return new OrderRow(
                record.getRequestId(),
                record.getOrderId(),
                record.getUserId(),
                record.getItemId(),
                record.getQuantity(),
                Status.valueOf(record.getStatus()),
                record.getReason() == null ? null : Reason.valueOf(record.getReason()),
                record.getStrategy(),
                record.getWorkerId(),
                record.getDecidedAt().toInstant());
    }
}
