package dev.flashsale.worker.strategy;

import dev.flashsale.schema.event.PurchaseRequest;
import dev.flashsale.schema.event.Reason;
import dev.flashsale.worker.metrics.WorkerMetrics;
import dev.flashsale.worker.model.Decision;
import dev.flashsale.worker.model.PurchaseRule;
import dev.flashsale.worker.store.Database;
import dev.flashsale.worker.store.Items;
import dev.flashsale.worker.store.Purchases;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/**
 * Optimistic locking with the stock as the version: read the item, then {@code UPDATE ... WHERE stock = <read>} with
 * the order row in the same statement. Zero rows means another purchase got in first; the attempt is retried after a
 * jittered exponential backoff, up to a bound, then the request fails with {@code CONFLICT}.
 *
 * <p>The read also sums the user's purchases when the item has a per-user limit. That sum is exact whenever the write
 * succeeds: every purchase changes the stock, so a write that finds the stock it read finds no purchase committed
 * since the read.
 */
public final class OptimisticStrategy extends SingleRequestStrategy implements LockedDecision {

    private final StrategyName name;
    private final Database database;
    private final Items items;
    private final Purchases purchases;
    private final Clock clock;
    private final int maxAttempts;
    private final Duration backoff;
    private final WorkerMetrics metrics;

    /**
     * @param name the name recorded with decisions ({@code optimistic}, or {@code combined} inside a Redis lock)
     * @param maxAttempts attempts before giving up with {@code FAILED/CONFLICT}, at least 1
     * @param backoff the base of the exponential backoff; each wait is uniformly random below its bound
     */
    public OptimisticStrategy(
            StrategyName name,
            Database database,
            Items items,
            Purchases purchases,
            Clock clock,
            int maxAttempts,
            Duration backoff,
            WorkerMetrics metrics) {
        this.name = name;
        this.database = database;
        this.items = items;
        this.purchases = purchases;
        this.clock = clock;
        this.maxAttempts = maxAttempts;
        this.backoff = backoff;
        this.metrics = metrics;
    }

    @Override
    public StrategyName name() {
        return name;
    }

    @Override
    public Decision decideUnderLock(PurchaseRequest request, ItemLocks.Lease lease) {
        return decideOne(request);
    }

    @Override
    protected Decision decideOne(PurchaseRequest request) {
        Decision.Purchased purchase = Decision.purchase(clock);
        for (int attempt = 1; attempt <= maxAttempts; attempt++) {
            Decision decision = database.autoCommit(deciding(request), connection -> {
                Items.ItemRead read = items.read(connection, request.itemId(), request.userId());
                Reason refusal = read == null
                        ? Reason.UNKNOWN_ITEM
                        : PurchaseRule.refusal(read.item(), request.quantity(), read.bought());
                if (refusal != null) {
                    return Decision.refused(refusal);
                }
                boolean taken = purchases.takeIfUnchanged(
                        connection, request, read.item().stock(), purchase);
                return taken ? purchase : null;
            });
            if (decision != null) {
                return decision;
            }
            if (attempt < maxAttempts) {
                metrics.optimisticRetry();
                pause(attempt);
            }
        }
        return Decision.refused(Reason.CONFLICT);
    }

    private void pause(int attempt) {
        long boundNanos = backoff.toNanos() << Math.min(attempt - 1, 10);
        if (boundNanos <= 0) {
            return;
        }
        try {
            TimeUnit.NANOSECONDS.sleep(ThreadLocalRandom.current().nextLong(boundNanos));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CancellationException("interrupted while backing off from a stock conflict");
        }
    }
}
