package dev.flashsale.worker.strategy;

import dev.flashsale.schema.event.PurchaseRequest;
import dev.flashsale.schema.event.Reason;
import dev.flashsale.worker.model.Decision;
import dev.flashsale.worker.model.PurchaseRule;
import dev.flashsale.worker.store.Database;
import dev.flashsale.worker.store.Items;
import dev.flashsale.worker.store.Purchases;
import java.time.Clock;

/**
 * A plain read-check-write with no database guard: read the stock, check it, write back {@code stock - q}. Safe only
 * under an exclusive external lock, so it is never selectable alone; {@code distributed} runs it under a Redis lock.
 */
final class ReadCheckWrite implements LockedDecision {

    private final Database database;
    private final Items items;
    private final Purchases purchases;
    private final Clock clock;

    ReadCheckWrite(Database database, Items items, Purchases purchases, Clock clock) {
        this.database = database;
        this.items = items;
        this.purchases = purchases;
        this.clock = clock;
    }

    @Override
    public Decision decideUnderLock(PurchaseRequest request, ItemLocks.Lease lease) {
        Decision.Purchased purchase = Decision.purchase(clock);
        return database.autoCommit(SingleRequestStrategy.deciding(request), connection -> {
            Items.ItemRead read = items.read(connection, request.itemId(), request.userId());
            Reason refusal = PurchaseRule.refusal(
                    read == null ? null : read.item(), request.quantity(), read == null ? 0 : read.bought());
            if (refusal != null) {
                return Decision.refused(refusal);
            }
            purchases.overwrite(connection, request, read.item().stock() - request.quantity(), purchase);
            return purchase;
        });
    }
}
