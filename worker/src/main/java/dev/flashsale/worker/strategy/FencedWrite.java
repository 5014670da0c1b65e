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
 * The write side of {@code fenced}: the holder first records its token on the item row (only if no newer token is
 * there) and reads the stock in that same statement; from then on a holder with an older token, one whose lease ran
 * out while it stalled, cannot write the row and fails with {@code STALE_LOCK}. The read-check-write stays free of
 * version checks, yet a stalled holder can no longer oversell.
 *
 * <p>Both statements run in autocommit, so no row lock is held between them: the fence, not a lock, keeps other
 * writers out. For the same reason a user's purchases summed after the fence moved are exact: a purchase committed
 * later would need a newer token, which makes this holder's write fail.
 */
final class FencedWrite implements LockedDecision {

    private final Database database;
    private final Items items;
    private final Purchases purchases;
    private final Clock clock;

    FencedWrite(Database database, Items items, Purchases purchases, Clock clock) {
        this.database = database;
        this.items = items;
        this.purchases = purchases;
        this.clock = clock;
    }

    @Override
    public Decision decideUnderLock(PurchaseRequest request, ItemLocks.Lease lease) {
        Decision.Purchased purchase = Decision.purchase(clock);
        long token = lease.token();
        return database.autoCommit(SingleRequestStrategy.deciding(request), connection -> {
            ItemView item = items.advanceFence(connection, request.itemId(), token);
            if (item == null) {
                return Decision.refused(
                        items.exists(connection, request.itemId()) ? Reason.STALE_LOCK : Reason.UNKNOWN_ITEM);
            }
            int bought = item.limited() ? items.bought(connection, request.itemId(), request.userId()) : 0;
            Reason refusal = PurchaseRule.refusal(item, request.quantity(), bought);
            if (refusal != null) {
                return Decision.refused(refusal);
            }
            boolean written =
                    purchases.overwriteFenced(connection, request, item.stock() - request.quantity(), token, purchase);
            return written ? purchase : Decision.refused(Reason.STALE_LOCK);
        });
    }
}
