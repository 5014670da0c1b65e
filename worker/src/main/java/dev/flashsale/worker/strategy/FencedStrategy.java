package dev.flashsale.worker.strategy;

import dev.flashsale.schema.db.tables.records.ItemsRecord;
import dev.flashsale.schema.event.PurchaseRequest;
import dev.flashsale.schema.event.Reason;
import dev.flashsale.worker.store.Inventory;
import dev.flashsale.worker.store.Ledger;

/**
 * A Redis fenced lock whose token the database checks. The holder first records its token on the item row (only if
 * no newer token is there) and reads the stock in the same statement; from then on a holder with an older token, one
 * whose lease ran out while it stalled, cannot write the row and fails with {@code STALE_LOCK}. The read-check-write
 * stays free of version checks, yet a stalled holder can no longer oversell.
 */
public final class FencedStrategy extends SingleRequestStrategy {

    private final ItemLocks locks;
    private final Ledger ledger;

    public FencedStrategy(ItemLocks locks, Ledger ledger) {
        this.locks = locks;
        this.ledger = ledger;
    }

    @Override
    public StrategyName name() {
        return StrategyName.FENCED;
    }

    @Override
    protected Decision decideOne(PurchaseRequest request) {
        ItemLocks.Fence fence = locks.tryLockFenced(request.itemId());
        if (fence == null) {
            return ledger.recordAlone(request, Decision.refused(Reason.LOCK_TIMEOUT));
        }
        try {
            return ledger.decide(request, tx -> decideUnderFence(tx, request, fence.token()));
        } finally {
            locks.release(fence.lock());
        }
    }

    private Decision decideUnderFence(org.jooq.DSLContext tx, PurchaseRequest request, long token) {
        Inventory inventory = ledger.inventory();
        ItemsRecord item = inventory.advanceFence(tx, request.itemId(), token);
        if (item == null) {
            return Decision.refused(
                    inventory.find(tx, request.itemId()) == null ? Reason.UNKNOWN_ITEM : Reason.STALE_LOCK);
        }
        Reason shortage = Inventory.shortage(item, request.quantity());
        if (shortage != null) {
            return Decision.refused(shortage);
        }
        if (ledger.orders().wouldExceedLimit(tx, item.getPerUserLimit(), request)) {
            return Decision.refused(Reason.LIMIT_EXCEEDED);
        }
        if (!inventory.overwriteStockFenced(tx, request.itemId(), token, item.getStock() - request.quantity())) {
            throw new Ledger.Undo(Reason.STALE_LOCK);
        }
        return Decision.purchased();
    }
}
