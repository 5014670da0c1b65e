package dev.flashsale.worker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.flashsale.schema.event.PurchaseRequest;
import dev.flashsale.schema.event.PurchaseResult;
import dev.flashsale.schema.event.Reason;
import dev.flashsale.schema.event.Status;
import dev.flashsale.worker.metrics.WorkerMetrics;
import dev.flashsale.worker.strategy.StrategyName;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.redisson.Redisson;
import org.redisson.api.RLock;
import org.redisson.api.RedissonClient;
import org.redisson.config.Config;

/**
 * Only a lock genuinely held elsewhere becomes {@code LOCK_TIMEOUT}: with Redis up, requests that wait out a lock
 * another client holds are answered so; with Redis stopped while requests wait for a lock, none is answered until
 * Redis is back, and then they are decided.
 */
class RedisLockOutageIT {

    private static final Duration LOCK_WAIT = Duration.ofSeconds(2);

    @Test
    void aLockHeldElsewhereTimesOut() {
        try (SaleFixture sale = new SaleFixture("lock-held")) {
            sale.seed("item", 10, null);
            RedissonClient other = redisson(sale);
            try {
                RLock held = other.getLock(sale.name + ":lock:item:item");
                held.lock(1, TimeUnit.MINUTES);
                sale.startWorker(worker(sale));
                sale.sendByUser(requests(0, 3));
                List<PurchaseResult> results = sale.awaitResults(3, Duration.ofMinutes(1));
                assertThat(results)
                        .as("a lock held by another client for the whole wait is a LOCK_TIMEOUT")
                        .allSatisfy(r -> assertThat(r.reason()).isEqualTo(Reason.LOCK_TIMEOUT));
                held.unlock();
            } finally {
                other.shutdown();
            }
        }
    }

    @Test
    void redisGoingAwayDuringTheWaitIsAnOutageNotAnAnswer() {
        try (SaleFixture sale = new SaleFixture("lock-outage")) {
            sale.seed("item", 10, null);
            RedissonClient other = redisson(sale);
            Worker worker;
            try {
                RLock held = other.getLock(sale.name + ":lock:item:item");
                held.lock(1, TimeUnit.MINUTES);
                worker = sale.startWorker(worker(sale));
                sale.sendByUser(requests(0, 5));
                await("a request waits for the held lock")
                        .pollDelay(Duration.ofMillis(500))
                        .atMost(Duration.ofSeconds(30))
                        .until(() -> worker.assignedPartitions() > 0);
            } finally {
                other.shutdown();
            }
            sale.stack.stopRedis();
            try {
                await("the worker counts the outage")
                        .atMost(Duration.ofSeconds(60))
                        .until(() -> worker.registry()
                                        .find(WorkerMetrics.INFRASTRUCTURE_FAILURES)
                                        .tag("resource", "redis")
                                        .counter()
                                        .count()
                                > 0);
                await("longer than any lock wait")
                        .pollDelay(LOCK_WAIT.multipliedBy(2))
                        .atMost(LOCK_WAIT.multipliedBy(3))
                        .until(() -> true);
                assertThat(sale.results())
                        .as("no request is answered while Redis is down, LOCK_TIMEOUT least of all")
                        .isEmpty();
            } finally {
                sale.stack.startRedis();
            }
            List<PurchaseResult> results = sale.awaitResults(5, Duration.ofMinutes(2));
            assertThat(results)
                    .as("once Redis is back (empty, the lock gone) every request is decided, none timed out")
                    .hasSize(5)
                    .allSatisfy(r -> assertThat(r.status()).isEqualTo(Status.SUCCEEDED));
            assertThat(sale.stock("item")).isEqualTo(5);
        }
    }

    private static dev.flashsale.worker.config.WorkerConfig worker(SaleFixture sale) {
        return sale.config(StrategyName.COMBINED, "w", 1).toBuilder()
                .lockWait(LOCK_WAIT)
                .build();
    }

    private static RedissonClient redisson(SaleFixture sale) {
        Config config = new Config();
        config.useSingleServer().setAddress(sale.endpoints.redisUrl());
        return Redisson.create(config);
    }

    private static List<PurchaseRequest> requests(int from, int to) {
        return IntStream.range(from, to)
                .mapToObj(i -> new PurchaseRequest("req-" + i, "user-" + i, "item", 1))
                .toList();
    }
}
