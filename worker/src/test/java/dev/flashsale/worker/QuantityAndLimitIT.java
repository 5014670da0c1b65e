package dev.flashsale.worker;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flashsale.schema.db.tables.records.OrdersRecord;
import dev.flashsale.schema.event.PurchaseRequest;
import dev.flashsale.schema.event.PurchaseResult;
import dev.flashsale.schema.event.Reason;
import dev.flashsale.schema.event.Status;
import dev.flashsale.worker.strategy.StrategyName;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Collectors;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Quantities above one and a per-user limit: the limit is never exceeded and the item never oversold. */
class QuantityAndLimitIT {

    private static final int STOCK = 60;
    private static final int LIMIT = 3;

    @ParameterizedTest
    @EnumSource(StrategyName.class)
    void perUserLimitAndStockHoldWithLargerQuantities(StrategyName strategy) {
        try (SaleFixture sale = new SaleFixture("limit-" + strategy.id())) {
            sale.seed("limited", STOCK, LIMIT);
            sale.startWorker(sale.config(strategy, "a", 3));
            sale.startWorker(sale.config(strategy, "b", 3));
            // 40 users each try five purchases of 1 to 3 units: 600 units wanted, 60 in stock, at most 3 per user.
            Random random = new Random(42);
            List<PurchaseRequest> requests = new ArrayList<>();
            for (int round = 0; round < 5; round++) {
                for (int user = 0; user < 40; user++) {
                    requests.add(new PurchaseRequest(
                            "r" + round + "-u" + user, "user-" + user, "limited", 1 + random.nextInt(3)));
                }
            }
            sale.sendByUser(requests);

            List<PurchaseResult> results = sale.awaitResults(requests.size(), Duration.ofMinutes(2));

            assertThat(results).as("one result per request").hasSize(requests.size());
            List<OrdersRecord> sold = sale.orders().stream()
                    .filter(o -> "SUCCEEDED".equals(o.getStatus()))
                    .toList();
            Map<String, Integer> perUser = sold.stream()
                    .collect(Collectors.groupingBy(
                            OrdersRecord::getUserId, Collectors.summingInt(OrdersRecord::getQuantity)));
            assertThat(perUser)
                    .as("no user bought more than the limit of " + LIMIT)
                    .allSatisfy((user, bought) -> assertThat(bought).isLessThanOrEqualTo(LIMIT));
            int unitsSold = sold.stream().mapToInt(OrdersRecord::getQuantity).sum();
            assertThat(unitsSold).as("never oversold").isLessThanOrEqualTo(STOCK);
            assertThat(sale.stock("limited")).as("stock = initial - sold").isEqualTo(STOCK - unitsSold);
            assertThat(results)
                    .as("the limit was actually exercised")
                    .anySatisfy(r -> assertThat(r.reason()).isEqualTo(Reason.LIMIT_EXCEEDED));
            assertThat(results.stream()
                            .filter(r -> r.status() == Status.SUCCEEDED)
                            .count())
                    .as("successes match the order rows")
                    .isEqualTo(sold.size());
        }
    }
}
