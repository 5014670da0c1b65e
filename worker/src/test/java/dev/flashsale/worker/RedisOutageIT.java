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

/** Redis goes away under a lock-based strategy: work pauses instead of failing requests, and resumes afterwards. */
class RedisOutageIT {

    @Test
    void redisOutagePausesWorkAndNothingIsLost() {
        try (SaleFixture sale = new SaleFixture("redis-outage")) {
            sale.seed("item", 30, null);
            Worker worker = sale.startWorker(sale.config(StrategyName.COMBINED, "w", 2));
            sale.sendByUser(requests(0, 20));
            sale.awaitResults(20, Duration.ofMinutes(1));

            sale.stack.stopRedis();
            try {
                sale.sendByUser(requests(20, 60));
                await("the worker notices the outage")
                        .atMost(Duration.ofSeconds(60))
                        .until(() -> worker.registry()
                                        .find(WorkerMetrics.INFRASTRUCTURE_FAILURES)
                                        .tag("resource", "redis")
                                        .counter()
                                        .count()
                                > 0);
                assertThat(worker.ready()).as("not ready while Redis is down").isFalse();
                assertThat(worker.notReadyBecause())
                        .as("readiness names Redis and its error")
                        .anySatisfy(problem -> assertThat(problem).startsWith("redis: "));
                assertThat(sale.results())
                        .as("an outage is not turned into LOCK_TIMEOUT or any other result")
                        .hasSize(20);
            } finally {
                sale.stack.startRedis();
            }

            List<PurchaseResult> results = sale.awaitResults(60, Duration.ofMinutes(2));
            assertThat(results)
                    .as("every request decided once after the outage")
                    .hasSize(60);
            assertThat(results.stream()
                            .filter(r -> r.status() == Status.SUCCEEDED)
                            .count())
                    .as("exactly the stock was sold")
                    .isEqualTo(30);
            assertThat(sale.stock("item")).isZero();
            assertThat(sale.orders()).as("one order row per request").hasSize(60);
        }
    }

    private static List<PurchaseRequest> requests(int from, int to) {
        return IntStream.range(from, to)
                .mapToObj(i -> new PurchaseRequest("req-" + i, "user-" + i, "item", 1))
                .toList();
    }
}
