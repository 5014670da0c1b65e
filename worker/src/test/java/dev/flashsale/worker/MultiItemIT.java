package dev.flashsale.worker;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flashsale.schema.db.tables.records.OrdersRecord;
import dev.flashsale.schema.event.PurchaseRequest;
import dev.flashsale.schema.event.PurchaseResult;
import dev.flashsale.worker.strategy.StrategyName;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Collectors;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Many items in every poll, keyed by user so that each consumer sees them all: per item the stock and per user the
 * limit hold, under every strategy (for {@code batched}, a whole poll of several items in one transaction).
 */
class MultiItemIT {

    private static final int ITEMS = 8;
    private static final int STOCK = 15;
    private static final int LIMIT = 2;

    @ParameterizedTest
    @EnumSource(StrategyName.class)
    void everyItemKeepsItsStockAndEveryUserItsLimit(StrategyName strategy) {
        try (SaleFixture sale = new SaleFixture("multi-" + strategy.id())) {
            for (int i = 0; i < ITEMS; i++) {
                sale.seed("item-" + i, STOCK, i % 2 == 0 ? LIMIT : null);
            }
            sale.startWorker(sale.config(strategy, "a", 3));
            sale.startWorker(sale.config(strategy, "b", 3));
            Random random = new Random(7);
            List<PurchaseRequest> requests = new ArrayList<>();
            for (int n = 0; n < 600; n++) {
                requests.add(new PurchaseRequest(
                        "r-" + n,
                        "user-" + random.nextInt(40),
                        "item-" + random.nextInt(ITEMS),
                        1 + random.nextInt(2)));
            }
            sale.sendByUser(requests);
            List<PurchaseResult> results = sale.awaitResults(requests.size(), Duration.ofMinutes(2));

            assertThat(results).as("one result per request").hasSize(requests.size());
            List<OrdersRecord> sold = sale.orders().stream()
                    .filter(o -> "SUCCEEDED".equals(o.getStatus()))
                    .toList();
            Map<String, Integer> perItem = sold.stream()
                    .collect(Collectors.groupingBy(
                            OrdersRecord::getItemId, Collectors.summingInt(OrdersRecord::getQuantity)));
            for (int i = 0; i < ITEMS; i++) {
                String item = "item-" + i;
                int unitsSold = perItem.getOrDefault(item, 0);
                assertThat(unitsSold).as("%s never oversold", item).isLessThanOrEqualTo(STOCK);
                assertThat(sale.stock(item))
                        .as("%s: stock = initial - sold", item)
                        .isEqualTo(STOCK - unitsSold);
            }
            Map<String, Integer> perUserOfLimited = sold.stream()
                    .filter(o -> Integer.parseInt(o.getItemId().substring(5)) % 2 == 0)
                    .collect(Collectors.groupingBy(
                            o -> o.getItemId() + "/" + o.getUserId(),
                            Collectors.summingInt(OrdersRecord::getQuantity)));
            assertThat(perUserOfLimited)
                    .as("no user bought more than %d of a limited item", LIMIT)
                    .allSatisfy((pair, bought) -> assertThat(bought).isLessThanOrEqualTo(LIMIT));
            assertThat(sale.orders()).as("one order row per request").hasSize(requests.size());
        }
    }
}
