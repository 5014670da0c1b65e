package dev.flashsale.worker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.flashsale.schema.db.tables.records.OrdersRecord;
import dev.flashsale.schema.event.PurchaseRequest;
import dev.flashsale.schema.event.PurchaseResult;
import dev.flashsale.schema.event.Status;
import dev.flashsale.worker.strategy.StrategyName;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** Workers join and leave in the middle of a sale: partitions move, and still no decision is lost or doubled. */
class RebalanceIT {

    private static final int REQUESTS = 3_000;
    private static final int PER_WAVE = REQUESTS / 3;
    private static final int STOCK = 1_000;

    @Test
    void scalingOutAndInMidSaleKeepsOneDecisionPerRequest() {
        try (SaleFixture sale = new SaleFixture("rebalance")) {
            sale.seed("item", STOCK, null);
            Worker first = sale.startWorker(sale.config(StrategyName.OPTIMISTIC, "first", 2));
            sale.sendByUser(wave(0));
            await("the first wave is under way")
                    .atMost(Duration.ofMinutes(1))
                    .until(() -> !sale.orders().isEmpty());

            // Scale out: the second worker's partitions come from the first, mid-stream.
            Worker second = sale.startWorker(sale.config(StrategyName.OPTIMISTIC, "second", 3));
            await("the second worker owns partitions")
                    .atMost(Duration.ofMinutes(1))
                    .until(() -> second.assignedPartitions() > 0);
            sale.sendByUser(wave(1));
            await("the second worker has taken part")
                    .atMost(Duration.ofMinutes(1))
                    .until(() ->
                            sale.orders().stream().anyMatch(o -> o.getWorkerId().endsWith("-second")));

            // Scale in, then out again: the first leaves mid-sale, a third arrives.
            assertThat(first.stop()).as("the first worker leaves cleanly").isTrue();
            Worker third = sale.startWorker(sale.config(StrategyName.OPTIMISTIC, "third", 2));
            await("the third worker owns partitions")
                    .atMost(Duration.ofMinutes(1))
                    .until(() -> third.assignedPartitions() > 0);
            sale.sendByUser(wave(2));

            List<PurchaseResult> results = sale.awaitResults(REQUESTS, Duration.ofMinutes(3));
            Map<String, Long> perRequest =
                    results.stream().collect(Collectors.groupingBy(PurchaseResult::requestId, Collectors.counting()));
            assertThat(perRequest)
                    .as("exactly one committed result per request across the rebalances")
                    .hasSize(REQUESTS)
                    .allSatisfy((id, count) -> assertThat(count).as(id).isEqualTo(1L));
            List<OrdersRecord> orders = sale.orders();
            assertThat(orders).as("one order row per request").hasSize(REQUESTS);
            long sold = orders.stream()
                    .filter(o -> "SUCCEEDED".equals(o.getStatus()))
                    .count();
            assertThat(sold).as("the whole stock sold, never more").isEqualTo(STOCK);
            assertThat(sale.stock("item")).isZero();
            assertThat(results.stream()
                            .filter(r -> r.status() == Status.SUCCEEDED)
                            .count())
                    .isEqualTo(sold);
        }
    }

    private static List<PurchaseRequest> wave(int n) {
        return IntStream.range(n * PER_WAVE, (n + 1) * PER_WAVE)
                .mapToObj(i -> new PurchaseRequest("req-" + i, "user-" + i, "item", 1))
                .toList();
    }
}
