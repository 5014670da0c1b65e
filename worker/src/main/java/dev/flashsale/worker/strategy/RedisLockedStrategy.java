package dev.flashsale.worker.strategy;

import dev.flashsale.schema.event.PurchaseRequest;
import dev.flashsale.schema.event.Reason;
import dev.flashsale.worker.store.Ledger;
import org.redisson.api.RLock;

/**
 * Wraps a per-request strategy in a Redis lock on the request's item. With the unguarded read-check-write inside, it
 * is the article's distributed lock ({@code distributed}); with the optimistic guard inside, the article's combination
 * ({@code combined}). The lock's wait bounds how long a request queues; a request that cannot get it fails with {@code
 * LOCK_TIMEOUT}.
 */
public final class RedisLockedStrategy extends SingleRequestStrategy {

    private final StrategyName name;
    private final SingleRequestStrategy inner;
    private final ItemLocks locks;
    private final Ledger ledger;

    public RedisLockedStrategy(StrategyName name, SingleRequestStrategy inner, ItemLocks locks, Ledger ledger) {
        this.name = name;
        this.inner = inner;
        this.locks = locks;
        this.ledger = ledger;
    }

    @Override
    public StrategyName name() {
        return name;
    }

    @Override
    protected Decision decideOne(PurchaseRequest request) {
        RLock lock = locks.tryLock(request.itemId());
        if (lock == null) {
            return ledger.recordAlone(request, Decision.refused(Reason.LOCK_TIMEOUT));
        }
        try {
            return inner.decideOne(request);
        } finally {
            locks.release(lock);
        }
    }
}
