package dev.flashsale.worker.strategy;

import dev.flashsale.schema.db.tables.records.ItemsRecord;
import dev.flashsale.schema.event.PurchaseRequest;
import dev.flashsale.schema.event.Reason;
import dev.flashsale.worker.store.Inventory;
import dev.flashsale.worker.store.Ledger;
import java.time.Duration;

/**
 * Pessimistic locking: one transaction locks the item row with {@code SELECT ... FOR UPDATE}, checks, decrements and
 * records. Waiting for the row lock is bounded by PostgreSQL's {@code lock_timeout}; past it the request fails with
 * {@code LOCK_TIMEOUT}.
 */
public final class PessimisticStrategy extends SingleRequestStrategy {

    private final Ledger ledger;
    private final Duration lockTimeout;

    public PessimisticStrategy(Ledger ledger, Duration lockTimeout) {
        this.ledger = ledger;
        this.lockTimeout = lockTimeout;
    }

    @Override
    public StrategyName name() {
        return StrategyName.PESSIMISTIC;
    }

    @Override
    protected Decision decideOne(PurchaseRequest request) {
        Inventory inventory = ledger.inventory();
        return ledger.decide(request, tx -> {
            ItemsRecord item = inventory.lockForUpdate(tx, request.itemId(), lockTimeout);
            Reason shortage = Inventory.shortage(item, request.quantity());
            if (shortage != null) {
                return Decision.refused(shortage);
            }
            if (ledger.orders().wouldExceedLimit(tx, item.getPerUserLimit(), request)) {
                return Decision.refused(Reason.LIMIT_EXCEEDED);
            }
            inventory.decrement(tx, request.itemId(), request.quantity());
            return Decision.purchased();
        });
    }
}
