package dev.flashsale.worker;

import static dev.flashsale.schema.db.Tables.ITEMS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.flashsale.schema.event.PurchaseRequest;
import dev.flashsale.schema.event.PurchaseResult;
import dev.flashsale.schema.event.Reason;
import dev.flashsale.schema.event.Status;
import dev.flashsale.worker.strategy.StrategyName;
import java.sql.Connection;
import java.sql.DriverManager;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.jooq.impl.DSL;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A row held by another transaction past the row lock timeout: the requests for that item, and only those, are
 * answered {@code FAILED/LOCK_TIMEOUT}; the other items of the same polls are decided as usual, and the held item
 * sells again once it is released. For both strategies that wait for row locks.
 */
class RowLockTimeoutIT {

    private static final Duration ROW_LOCK_TIMEOUT = Duration.ofMillis(500);

    @ParameterizedTest
    @EnumSource(
            value = StrategyName.class,
            names = {"PESSIMISTIC", "BATCHED"})
    void onlyTheHeldItemTimesOut(StrategyName strategy) throws Exception {
        try (SaleFixture sale = new SaleFixture("row-lock-" + strategy.id())) {
            sale.seed("held", 50, null);
            sale.seed("free", 50, null);
            try (Connection holder =
                    DriverManager.getConnection(sale.jdbcUrl, sale.endpoints.dbUser(), sale.endpoints.dbPassword())) {
                holder.setAutoCommit(false);
                DSL.using(holder)
                        .selectFrom(ITEMS)
                        .where(ITEMS.ITEM_ID.eq("held"))
                        .forUpdate()
                        .fetch();
                sale.startWorker(sale.config(strategy, "w", 2).toBuilder()
                        .rowLockTimeout(ROW_LOCK_TIMEOUT)
                        .build());
                // Interleaved, so that the polls mix both items.
                List<PurchaseRequest> requests = new ArrayList<>();
                IntStream.range(0, 20).forEach(i -> {
                    requests.add(new PurchaseRequest("held-" + i, "user-" + i, "held", 1));
                    requests.add(new PurchaseRequest("free-" + i, "user-" + i, "free", 1));
                });
                sale.sendByUser(requests);
                List<PurchaseResult> results = sale.awaitResults(requests.size(), Duration.ofMinutes(1));
                Map<String, List<PurchaseResult>> byItem =
                        results.stream().collect(Collectors.groupingBy(PurchaseResult::itemId));
                assertThat(byItem.get("held"))
                        .as("every request for the held item waited out the row lock")
                        .hasSize(20)
                        .allSatisfy(r -> assertThat(r.reason()).isEqualTo(Reason.LOCK_TIMEOUT));
                assertThat(byItem.get("free"))
                        .as("requests for another item in the same polls were decided as usual")
                        .hasSize(20)
                        .allSatisfy(r -> assertThat(r.status()).isEqualTo(Status.SUCCEEDED));
                assertThat(sale.stock("held"))
                        .as("nothing was taken from the held item")
                        .isEqualTo(50);
                holder.rollback();
            }
            sale.sendByUser(List.of(new PurchaseRequest("after", "user-x", "held", 1)));
            await("the released item sells again")
                    .atMost(Duration.ofMinutes(1))
                    .until(() -> sale.results().stream()
                            .anyMatch(r -> r.requestId().equals("after") && r.status() == Status.SUCCEEDED));
            assertThat(sale.stock("held")).isEqualTo(49);
            assertThat(sale.orders()).as("one order row per request").hasSize(41);
        }
    }
}
