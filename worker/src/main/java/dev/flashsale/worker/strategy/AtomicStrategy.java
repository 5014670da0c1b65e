package dev.flashsale.worker.strategy;

import dev.flashsale.schema.event.PurchaseRequest;
import dev.flashsale.schema.event.Reason;
import dev.flashsale.worker.model.Decision;
import dev.flashsale.worker.model.PurchaseRule;
import dev.flashsale.worker.store.Database;
import dev.flashsale.worker.store.Items;
import dev.flashsale.worker.store.Purchases;
import java.time.Clock;
import java.util.Objects;

/**
 * One guarded statement decides: {@code UPDATE items SET stock = stock - q WHERE item_id = ? AND stock >= q}, with the
 * order row written by the same statement, in autocommit. The row lock lives only while the server executes and
 * commits that one statement; nothing is retried and the application holds no lock of its own.
 *
 * <p>Two cases take a second look. When the statement's snapshot showed enough stock but the guard (which sees the
 * newest row) found too little, the stock sold meanwhile: asking again with a newer snapshot says why. An item with a
 * per-user limit is decided in a transaction instead (decrement, then the user's purchases summed under the row lock,
 * then the order), because the sum must not miss a purchase that committed while this one waited for the lock.
 */
public final class AtomicStrategy extends SingleRequestStrategy {

    /** Statement runs that found the item sold meanwhile before the locked path decides instead. */
    static final int MAX_SNAPSHOT_RACES = 3;

    private final Database database;
    private final Items items;
    private final Purchases purchases;
    private final Clock clock;

    public AtomicStrategy(Database database, Items items, Purchases purchases, Clock clock) {
        this.database = Objects.requireNonNull(database, "database");
        this.items = Objects.requireNonNull(items, "items");
        this.purchases = Objects.requireNonNull(purchases, "purchases");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    @Override
    public StrategyName name() {
        return StrategyName.ATOMIC;
    }

    @Override
    protected Decision decideOne(PurchaseRequest request) {
        Decision.Purchased purchase = Decision.purchase(clock);
        for (int run = 1; run <= MAX_SNAPSHOT_RACES; run++) {
            Purchases.Attempt attempt = database.autoCommit(
                    deciding(request), connection -> purchases.takeIfAvailable(connection, request, purchase));
            if (attempt.taken()) {
                return purchase;
            }
            if (!attempt.itemExists()) {
                return Decision.refused(Reason.UNKNOWN_ITEM);
            }
            if (attempt.seen().limited()) {
                break;
            }
            Reason shortage = PurchaseRule.shortage(attempt.seen(), request.quantity());
            if (shortage != null) {
                return Decision.refused(shortage);
            }
        }
        return decideLocked(request, purchase);
    }

    private Decision decideLocked(PurchaseRequest request, Decision.Purchased purchase) {
        return database.transaction(deciding(request), connection -> {
            Purchases.LimitAfterTake taken = purchases.decrementIfAvailable(connection, request);
            if (taken == null) {
                Items.ItemRead now = items.read(connection, request.itemId(), request.userId());
                Reason shortage = PurchaseRule.shortage(now == null ? null : now.item(), request.quantity());
                // Stock only goes down, so a fresh read explains the refusal; were it ever restocked meanwhile, the
                // request failed on a moving target.
                return Decision.refused(shortage == null ? Reason.CONFLICT : shortage);
            }
            if (taken.perUserLimit() != null) {
                int bought = items.bought(connection, request.itemId(), request.userId());
                if (PurchaseRule.exceedsLimit(taken.perUserLimit(), request.quantity(), bought)) {
                    connection.rollback();
                    return Decision.refused(Reason.LIMIT_EXCEEDED);
                }
            }
            purchases.record(connection, request, purchase);
            return purchase;
        });
    }
}
