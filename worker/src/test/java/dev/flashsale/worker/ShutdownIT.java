package dev.flashsale.worker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.flashsale.schema.event.PurchaseRequest;
import dev.flashsale.worker.strategy.StrategyName;
import java.time.Duration;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** A graceful stop (what SIGTERM runs) commits the work in hand and returns within the bound. */
class ShutdownIT {

    @Test
    void stopCommitsAndReturnsWithinTheBound() {
        try (SaleFixture sale = new SaleFixture("shutdown")) {
            sale.seed("item", 500, null);
            Worker worker = sale.startWorker(sale.config(StrategyName.OPTIMISTIC, "w", 3));
            List<PurchaseRequest> requests = IntStream.range(0, 300)
                    .mapToObj(i -> new PurchaseRequest("req-" + i, "user-" + i, "item", 1))
                    .toList();
            sale.sendByUser(requests);
            sale.awaitResults(1, Duration.ofMinutes(1));

            long start = System.nanoTime();
            boolean clean = worker.stop();
            Duration took = Duration.ofNanos(System.nanoTime() - start);

            assertThat(clean).as("all consumer threads stopped").isTrue();
            assertThat(took)
                    .as("stopped within the shutdown timeout")
                    .isLessThan(worker.config().shutdownTimeout());
            int decided = sale.orders().size();
            // commitTransaction returns before every partition has its commit marker, so give the markers a moment.
            await("every decision made before the stop is published: nothing left uncommitted")
                    .atMost(Duration.ofSeconds(10))
                    .untilAsserted(() -> assertThat(sale.results()).hasSize(decided));

            // A fresh worker picks up exactly where the stopped one left off.
            sale.startWorker(sale.config(StrategyName.OPTIMISTIC, "w2", 3));
            assertThat(sale.awaitResults(requests.size(), Duration.ofMinutes(1)))
                    .as("one result per request across the restart")
                    .hasSize(requests.size());
            assertThat(sale.stock("item")).isEqualTo(500 - requests.size());
        }
    }
}
