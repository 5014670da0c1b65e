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
    private static final int STOCK = 1_000;

    @Test
    void scalingOutAndInMidSaleKeepsOneDecisionPerRequest() {
        try (SaleFixture sale = new SaleFixture("rebalance")) {
            sale.seed("item", STOCK, null);
            Worker first = sale.startWorker(sale.config(StrategyName.OPTIMISTIC, "first", 2));
            sale.sendByUser(IntStream.range(0, REQUESTS)
                    .mapToObj(i -> new PurchaseRequest("req-" + i, "user-" + i, "item", 1))
                    .toList());

            await("the sale is under way")
                    .atMost(Duration.ofMinutes(1))
                    .until(() -> sale.orders().size() > REQUESTS / 10);
            sale.startWorker(sale.config(StrategyName.OPTIMISTIC, "second", 3));
            await("the second worker has taken part")
                    .atMost(Duration.ofMinutes(1))
                    .until(() ->
                            sale.orders().stream().anyMatch(o -> o.getWorkerId().endsWith("-second")));
            assertThat(first.stop())
                    .as("the first worker leaves cleanly mid-sale")
                    .isTrue();
            sale.startWorker(sale.config(StrategyName.OPTIMISTIC, "third", 2));

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
}
