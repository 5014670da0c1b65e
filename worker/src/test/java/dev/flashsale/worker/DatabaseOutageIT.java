package dev.flashsale.worker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.flashsale.schema.event.PurchaseRequest;
import dev.flashsale.schema.event.PurchaseResult;
import dev.flashsale.schema.event.Status;
import dev.flashsale.worker.metrics.WorkerMetrics;
import dev.flashsale.worker.strategy.StrategyName;
import java.time.Duration;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** PostgreSQL goes away mid-sale: work pauses, no business result is invented, everything is decided afterwards. */
class DatabaseOutageIT {

    @Test
    void outagePausesWorkAndNothingIsLost() {
        try (SaleFixture sale = new SaleFixture("db-outage")) {
            sale.seed("item", 50, null);
            Worker worker = sale.startWorker(sale.config(StrategyName.PESSIMISTIC, "w", 2));
            sale.sendByUser(requests(0, 40));
            sale.awaitResults(40, Duration.ofMinutes(1));

            sale.stack.stopPostgres();
            try {
                sale.sendByUser(requests(40, 100));
                await("the worker notices the outage")
                        .atMost(Duration.ofSeconds(30))
                        .until(() -> worker.registry()
                                        .find(WorkerMetrics.INFRASTRUCTURE_FAILURES)
                                        .tag("resource", "database")
                                        .counter()
                                        .count()
                                > 0);
                assertThat(worker.ready())
                        .as("not ready while the database is down")
                        .isFalse();
                assertThat(worker.notReadyBecause())
                        .as("readiness names the database and its error")
                        .anySatisfy(problem -> assertThat(problem).startsWith("database: "));
                assertThat(sale.results())
                        .as("no business result is published during the outage")
                        .hasSize(40);
            } finally {
                sale.stack.startPostgres();
            }

            List<PurchaseResult> results = sale.awaitResults(100, Duration.ofMinutes(2));
            assertThat(results)
                    .as("every request decided once after the outage")
                    .hasSize(100);
            assertThat(results.stream()
                            .filter(r -> r.status() == Status.SUCCEEDED)
                            .count())
                    .as("exactly the stock was sold")
                    .isEqualTo(50);
            assertThat(sale.stock("item")).isZero();
            assertThat(sale.orders()).as("one order row per request").hasSize(100);
            await("ready again").atMost(Duration.ofSeconds(30)).until(worker::ready);
        }
    }

    private static List<PurchaseRequest> requests(int from, int to) {
        return IntStream.range(from, to)
                .mapToObj(i -> new PurchaseRequest("req-" + i, "user-" + i, "item", 1))
                .toList();
    }
}
