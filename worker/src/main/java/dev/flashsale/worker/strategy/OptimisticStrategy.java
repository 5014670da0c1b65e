package dev.flashsale.worker.strategy;

import dev.flashsale.schema.db.tables.records.ItemsRecord;
import dev.flashsale.schema.event.PurchaseRequest;
import dev.flashsale.schema.event.Reason;
import dev.flashsale.worker.metrics.WorkerMetrics;
import dev.flashsale.worker.store.Inventory;
import dev.flashsale.worker.store.Ledger;
import java.time.Duration;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ThreadLocalRandom;
import org.jooq.DSLContext;

/**
 * Optimistic locking with the stock as the version: read the stock, then {@code UPDATE ... WHERE stock = <read>}. Zero
 * rows updated means another purchase got in first; the attempt is retried after a jittered backoff, up to a bound,
 * then the request fails with {@code CONFLICT}.
 */
public final class OptimisticStrategy extends SingleRequestStrategy {

    private final StrategyName name;
    private final Ledger ledger;
    private final int maxAttempts;
    private final Duration backoff;
    private final WorkerMetrics metrics;

    /**
     * @param name the name recorded with decisions ({@code optimistic}, or {@code combined} when wrapped in a lock)
     * @param maxAttempts attempts before giving up with {@code FAILED/CONFLICT}, at least 1
     * @param backoff the base of the exponential backoff; each wait is uniformly random below its bound
     */
    public OptimisticStrategy(
            StrategyName name, Ledger ledger, int maxAttempts, Duration backoff, WorkerMetrics metrics) {
        this.name = name;
        this.ledger = ledger;
        this.maxAttempts = maxAttempts;
        this.backoff = backoff;
        this.metrics = metrics;
    }

    @Override
    public StrategyName name() {
        return name;
    }

    @Override
    protected Decision decideOne(PurchaseRequest request) {
        for (int attempt = 1; attempt <= maxAttempts; attempt++) {
            try {
                return ledger.decide(request, tx -> attempt(tx, request));
            } catch (StockChanged conflict) {
                if (attempt < maxAttempts) {
                    metrics.optimisticRetry();
                    pause(attempt);
                }
            }
        }
        return ledger.recordAlone(request, Decision.refused(Reason.CONFLICT));
    }

    private Decision attempt(DSLContext tx, PurchaseRequest request) {
        Inventory inventory = ledger.inventory();
        ItemsRecord item = inventory.find(tx, request.itemId());
        Reason shortage = Inventory.shortage(item, request.quantity());
        if (shortage != null) {
            return Decision.refused(shortage);
        }
        if (!inventory.compareAndDecrement(tx, request.itemId(), item.getStock(), request.quantity())) {
            throw new StockChanged();
        }
        // The update holds the row lock until commit, so the limit check below sees every committed purchase.
        if (ledger.orders().wouldExceedLimit(tx, item.getPerUserLimit(), request)) {
            throw new Ledger.Undo(Reason.LIMIT_EXCEEDED);
        }
        return Decision.purchased();
    }

    private void pause(int attempt) {
        long boundNanos = backoff.toNanos() << Math.min(attempt - 1, 10);
        if (boundNanos <= 0) {
            return;
        }
        try {
            Thread.sleep(Duration.ofNanos(ThreadLocalRandom.current().nextLong(boundNanos))
                    .toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CancellationException("interrupted while backing off from a stock conflict");
        }
    }

    /** The stock moved between read and write; rolls the attempt back so it can be retried. */
    private static final class StockChanged extends RuntimeException {
        private static final long serialVersionUID = 1L;

        StockChanged() {
            super("stock changed", null, false, false);
        }
    }
}
