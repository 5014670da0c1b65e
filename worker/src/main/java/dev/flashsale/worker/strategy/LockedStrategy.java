package dev.flashsale.worker.strategy;

import dev.flashsale.schema.event.PurchaseRequest;
import dev.flashsale.schema.event.Reason;
import dev.flashsale.worker.model.Decision;
import java.util.Objects;

/**
 * Wraps a decision in an item lock held outside the database: take the lock (or answer {@code LOCK_TIMEOUT} when
 * another holder keeps it for the whole wait), decide, release. With the unguarded read-check-write inside it is the
 * article's distributed lock ({@code distributed}); with the optimistic guard, the article's combination ({@code
 * combined}); with fenced locks and the fence-checking write, {@code fenced}.
 */
public final class LockedStrategy extends SingleRequestStrategy {

    private final StrategyName name;
    private final ItemLocks locks;
    private final LockedDecision inner;

    public LockedStrategy(StrategyName name, ItemLocks locks, LockedDecision inner) {
        this.name = Objects.requireNonNull(name, "name");
        this.locks = Objects.requireNonNull(locks, "locks");
        this.inner = Objects.requireNonNull(inner, "inner");
    }

    @Override
    public StrategyName name() {
        return name;
    }

    @Override
    protected Decision decideOne(PurchaseRequest request) {
        ItemLocks.Lease lease = locks.acquire(request.itemId());
        if (lease == null) {
            return Decision.refused(Reason.LOCK_TIMEOUT);
        }
        try {
            return inner.decideUnderLock(request, lease);
        } finally {
            lease.release();
        }
    }
}
