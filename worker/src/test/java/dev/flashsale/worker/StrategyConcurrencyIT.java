package dev.flashsale.worker;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flashsale.schema.db.tables.records.OrdersRecord;
import dev.flashsale.schema.event.PurchaseRequest;
import dev.flashsale.schema.event.PurchaseResult;
import dev.flashsale.schema.event.Reason;
import dev.flashsale.schema.event.Status;
import dev.flashsale.worker.strategy.StrategyName;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The flash sale under every strategy: one item with stock 100, 2,000 buyers, 12 partitions keyed by user, three
 * worker processes with four consumers each, all deciding at once.
 */
class StrategyConcurrencyIT {

    private static final int STOCK = 100;
    private static final int REQUESTS = 2_000;

    /** What each strategy may answer besides SUCCEEDED and SOLD_OUT. */
    private static final Map<StrategyName, Set<Reason>> ALLOWED_FAILURES = Map.of(
            StrategyName.OPTIMISTIC, EnumSet.of(Reason.CONFLICT),
            StrategyName.PESSIMISTIC, EnumSet.of(Reason.LOCK_TIMEOUT),
            StrategyName.DISTRIBUTED, EnumSet.of(Reason.LOCK_TIMEOUT),
            StrategyName.COMBINED, EnumSet.of(Reason.LOCK_TIMEOUT, Reason.CONFLICT),
            StrategyName.ATOMIC, EnumSet.noneOf(Reason.class),
            StrategyName.FENCED, EnumSet.of(Reason.LOCK_TIMEOUT, Reason.STALE_LOCK),
            StrategyName.BATCHED, EnumSet.of(Reason.LOCK_TIMEOUT));

    @ParameterizedTest
    @EnumSource(StrategyName.class)
    void sellsExactlyTheStockOnceToDistinctBuyers(StrategyName strategy) {
        try (SaleFixture sale = new SaleFixture("conc-" + strategy.id())) {
            sale.seed("hot-item", STOCK, null);
            for (int w = 0; w < 3; w++) {
                sale.startWorker(sale.config(strategy, "w" + w, 4));
            }
            List<PurchaseRequest> requests = IntStream.range(0, REQUESTS)
                    .mapToObj(i -> new PurchaseRequest("req-" + i, "user-" + i, "hot-item", 1))
                    .toList();
            sale.sendByUser(requests);

            List<PurchaseResult> results = sale.awaitResults(REQUESTS, Duration.ofMinutes(3));

            Map<String, Long> perRequest =
                    results.stream().collect(Collectors.groupingBy(PurchaseResult::requestId, Collectors.counting()));
            assertThat(perRequest)
                    .as("exactly one committed result per request")
                    .hasSize(REQUESTS)
                    .allSatisfy((id, count) ->
                            assertThat(count).as("results for " + id).isEqualTo(1L));
            long succeeded =
                    results.stream().filter(r -> r.status() == Status.SUCCEEDED).count();
            assertThat(succeeded)
                    .as("successes equal the stock: never oversold")
                    .isEqualTo(STOCK);
            assertThat(sale.stock("hot-item")).as("stock left").isZero();
            assertThat(results)
                    .filteredOn(r -> r.status() != Status.SUCCEEDED)
                    .as("every other request is sold out or fails for a reason " + strategy + " allows")
                    .allSatisfy(
                            r -> assertThat(r.reason()).isIn(union(Reason.SOLD_OUT, ALLOWED_FAILURES.get(strategy))));

            List<OrdersRecord> orders = sale.orders();
            assertThat(orders).as("one order row per request").hasSize(REQUESTS);
            Map<String, OrdersRecord> rowById =
                    orders.stream().collect(Collectors.toMap(OrdersRecord::getRequestId, Function.identity()));
            assertThat(results)
                    .as("every published result is the stored decision")
                    .allSatisfy(r -> assertThat(r.status().name())
                            .isEqualTo(rowById.get(r.requestId()).getStatus()));
            assertThat(orders.stream()
                            .filter(o -> "SUCCEEDED".equals(o.getStatus()))
                            .mapToInt(OrdersRecord::getQuantity)
                            .sum())
                    .as("stock = initial - sold")
                    .isEqualTo(STOCK - sale.stock("hot-item"));
        }
    }

    private static Set<Reason> union(Reason first, Set<Reason> rest) {
        Set<Reason> all = EnumSet.of(first);
        all.addAll(rest);
        return all;
    }
}
