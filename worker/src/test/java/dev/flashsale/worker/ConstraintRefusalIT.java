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
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The database's last line of defence refuses a write: the poll is held back like an outage (no result is published
 * for it, the refusal is counted), and once the constraint no longer refuses, every request is decided exactly once,
 * the purchases made before the refusal included. A test-only constraint ({@code stock >= 6}) stands in for {@code
 * CHECK (stock >= 0)}, which no correct strategy ever reaches: the fifth unit sold breaks it, whether it is sold alone
 * or with the others in one batch.
 */
class ConstraintRefusalIT {

    @ParameterizedTest
    @EnumSource(
            value = StrategyName.class,
            names = {"ATOMIC", "BATCHED"})
    void aRefusedWriteHoldsThePollBack(StrategyName strategy) {
        try (SaleFixture sale = new SaleFixture("constraint-" + strategy.id())) {
            sale.seed("item", 10, null);
            sale.dsl.execute("ALTER TABLE items ADD CONSTRAINT test_stock_at_least_six CHECK (stock >= 6)");
            Worker worker = sale.startWorker(sale.config(strategy, "w", 1));
            List<PurchaseRequest> requests = IntStream.range(0, 5)
                    .mapToObj(i -> new PurchaseRequest("req-" + i, "user-" + i, "item", 1))
                    .toList();
            sale.sendByUser(requests);
            await("the refusal is counted")
                    .atMost(Duration.ofSeconds(30))
                    .until(() -> worker.registry()
                                    .find(WorkerMetrics.INFRASTRUCTURE_FAILURES)
                                    .tag("resource", WorkerMetrics.DATABASE_CONSTRAINT)
                                    .counter()
                                    .count()
                            > 0);
            assertThat(sale.results())
                    .as("nothing is published while a constraint refuses the poll's writes")
                    .isEmpty();
            assertThat(sale.stock("item"))
                    .as("the refused write changed nothing")
                    .isGreaterThanOrEqualTo(6);

            sale.dsl.execute("ALTER TABLE items DROP CONSTRAINT test_stock_at_least_six");
            List<PurchaseResult> results = sale.awaitResults(requests.size(), Duration.ofMinutes(1));
            assertThat(results).as("one result per request").hasSize(requests.size());
            assertThat(results).allSatisfy(r -> assertThat(r.status()).isEqualTo(Status.SUCCEEDED));
            assertThat(sale.stock("item"))
                    .as("each purchase took its unit once, before and after the refusal")
                    .isEqualTo(5);
            assertThat(sale.orders()).hasSize(requests.size());
        }
    }
}
