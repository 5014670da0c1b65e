package dev.flashsale.worker.strategy;

import dev.flashsale.schema.db.tables.records.ItemsRecord;
import dev.flashsale.schema.event.PurchaseRequest;
import dev.flashsale.schema.event.Reason;
import dev.flashsale.worker.store.Inventory;
import dev.flashsale.worker.store.Ledger;

/**
 * A plain read-check-write with no database guard: read the stock, check it, write back {@code stock - q}. Safe only
 * under an exclusive external lock, so it is never selectable alone; {@code distributed} wraps it in a Redis lock.
 */
final class ReadCheckWriteStrategy extends SingleRequestStrategy {

    private final StrategyName name;
    private final Ledger ledger;

    ReadCheckWriteStrategy(StrategyName name, Ledger ledger) {
        this.name = name;
        this.ledger = ledger;
    }

    @Override
    public StrategyName name() {
        return name;
    }

    @Override
    protected Decision decideOne(PurchaseRequest request) {
        Inventory inventory = ledger.inventory();
        return ledger.decide(request, tx -> {
            ItemsRecord item = inventory.find(tx, request.itemId());
            Reason shortage = Inventory.shortage(item, request.quantity());
            if (shortage != null) {
                return Decision.refused(shortage);
            }
            if (ledger.orders().wouldExceedLimit(tx, item.getPerUserLimit(), request)) {
                return Decision.refused(Reason.LIMIT_EXCEEDED);
            }
            inventory.overwriteStock(tx, request.itemId(), item.getStock() - request.quantity());
            return Decision.purchased();
        });
    }
}
