package dev.flashsale.worker.strategy;

import dev.flashsale.schema.event.PurchaseRequest;
import dev.flashsale.schema.event.Reason;
import dev.flashsale.worker.model.Decision;
import dev.flashsale.worker.model.PurchaseRule;
import dev.flashsale.worker.model.PurchaseRule.ItemView;
import dev.flashsale.worker.store.Database;
import dev.flashsale.worker.store.Items;
import dev.flashsale.worker.store.Purchases;
import java.time.Clock;

/**
 * Pessimistic locking: one transaction locks the item row with {@code SELECT ... FOR UPDATE}, checks, then takes the
 * stock and records the order in one statement, and commits. The wait for the row lock is bounded by the connection's
 * {@code lock_timeout}; past it the request fails with {@code LOCK_TIMEOUT}. A refusal writes nothing, so its
 * transaction ends as soon as the check is done.
 */
public final class PessimisticStrategy extends SingleRequestStrategy {

    private final Database database;
    private final Items items;
    private final Purchases purchases;
    private final Clock clock;

    public PessimisticStrategy(Database database, Items items, Purchases purchases, Clock clock) {
        this.database = database;
        this.items = items;
        this.purchases = purchases;
        this.clock = clock;
    }

    @Override
    public StrategyName name() {
        return StrategyName.PESSIMISTIC;
    }

    @Override
    protected Decision decideOne(PurchaseRequest request) {
        Decision.Purchased purchase = Decision.purchase(clock);
        return database.transaction(deciding(request), connection -> {
            ItemView item = items.lock(connection, request.itemId());
            // The row lock is held from here: a sum taken now sees every purchase of the item that committed.
            int bought =
                    item != null && item.limited() ? items.bought(connection, request.itemId(), request.userId()) : 0;
            Reason refusal = PurchaseRule.refusal(item, request.quantity(), bought);
            if (refusal != null) {
                return Decision.refused(refusal);
            }
            purchases.takeLocked(connection, request, purchase);
            return purchase;
        });
    }
}
