package dev.flashsale.worker.strategy;

import dev.flashsale.schema.db.tables.records.ItemsRecord;
import dev.flashsale.schema.event.PurchaseRequest;
import dev.flashsale.schema.event.Reason;
import dev.flashsale.worker.store.Inventory;
import dev.flashsale.worker.store.Ledger;
import java.util.Objects;

/**
 * One guarded statement decides: {@code UPDATE items SET stock = stock - q WHERE item_id = ? AND stock >= q RETURNING
 * stock}. The database serialises concurrent purchases of an item on its row lock; nothing is retried and the
 * application holds no lock of its own.
 */
public final class AtomicStrategy extends SingleRequestStrategy {

    private final Ledger ledger;

    public AtomicStrategy(Ledger ledger) {
        this.ledger = ledger;
    }

    @Override
    public StrategyName name() {
        return StrategyName.ATOMIC;
    }

    @Override
    protected Decision decideOne(PurchaseRequest request) {
        Inventory inventory = ledger.inventory();
        return ledger.decide(request, tx -> {
            ItemsRecord updated = inventory.decrementIfAvailable(tx, request.itemId(), request.quantity());
            if (updated == null) {
                // Only explains the refusal; the guard in the statement above already decided it.
                Reason shortage = Inventory.shortage(inventory.find(tx, request.itemId()), request.quantity());
                return Decision.refused(Objects.requireNonNullElse(shortage, Reason.CONFLICT));
            }
            if (ledger.orders().wouldExceedLimit(tx, updated.getPerUserLimit(), request)) {
                throw new Ledger.Undo(Reason.LIMIT_EXCEEDED);
            }
            return Decision.purchased();
        });
    }
}
