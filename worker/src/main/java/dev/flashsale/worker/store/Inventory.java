package dev.flashsale.worker.store;

import static dev.flashsale.schema.db.Tables.ITEMS;

import dev.flashsale.schema.db.tables.records.ItemsRecord;
import dev.flashsale.schema.event.Reason;
import java.time.Duration;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;

/**
 * The statements strategies issue against {@code items}. Each takes the transaction's {@link DSLContext}; none opens
 * a transaction of its own.
 */
public final class Inventory {

    /** PostgreSQL's SQLSTATE for {@code lock_not_available}, raised when {@code lock_timeout} expires. */
    public static final String LOCK_NOT_AVAILABLE = "55P03";

    /** Reads an item without locking it; {@code null} when there is no such item. */
    public ItemsRecord find(DSLContext tx, String itemId) {
        return tx.selectFrom(ITEMS).where(ITEMS.ITEM_ID.eq(itemId)).fetchOne();
    }

    /**
     * Locks the item row ({@code SELECT ... FOR UPDATE}) for the rest of the transaction, waiting at most {@code
     * lockTimeout}; past that PostgreSQL fails the statement with {@link #LOCK_NOT_AVAILABLE}.
     */
    public ItemsRecord lockForUpdate(DSLContext tx, String itemId, Duration lockTimeout) {
        // set_config(..., true) is SET LOCAL with a bind value: it ends with the transaction.
        tx.select(DSL.function(
                        "set_config",
                        String.class,
                        DSL.val("lock_timeout"),
                        DSL.val(lockTimeout.toMillis() + "ms"),
                        DSL.val(true)))
                .fetch();
        return tx.selectFrom(ITEMS).where(ITEMS.ITEM_ID.eq(itemId)).forUpdate().fetchOne();
    }

    /** The optimistic guard: takes {@code quantity} only if the stock is still {@code expectedStock}. */
    public boolean compareAndDecrement(DSLContext tx, String itemId, int expectedStock, int quantity) {
        return tx.update(ITEMS)
                        .set(ITEMS.STOCK, ITEMS.STOCK.minus(quantity))
                        .set(ITEMS.UPDATED_AT, DSL.currentOffsetDateTime())
                        .where(ITEMS.ITEM_ID.eq(itemId))
                        .and(ITEMS.STOCK.eq(expectedStock))
                        .execute()
                == 1;
    }

    /**
     * The atomic guard: takes {@code quantity} only if that much is left, in one statement. Returns the row as updated,
     * or {@code null} when nothing was taken (unknown item or not enough stock).
     */
    public ItemsRecord decrementIfAvailable(DSLContext tx, String itemId, int quantity) {
        return tx.update(ITEMS)
                .set(ITEMS.STOCK, ITEMS.STOCK.minus(quantity))
                .set(ITEMS.UPDATED_AT, DSL.currentOffsetDateTime())
                .where(ITEMS.ITEM_ID.eq(itemId))
                .and(ITEMS.STOCK.ge(quantity))
                .returning()
                .fetchOne();
    }

    /** Takes {@code quantity} unconditionally; only for callers that hold the row lock and checked the stock. */
    public void decrement(DSLContext tx, String itemId, int quantity) {
        tx.update(ITEMS)
                .set(ITEMS.STOCK, ITEMS.STOCK.minus(quantity))
                .set(ITEMS.UPDATED_AT, DSL.currentOffsetDateTime())
                .where(ITEMS.ITEM_ID.eq(itemId))
                .execute();
    }

    /**
     * Writes a stock value computed by the caller: the plain "write" of a read-check-write, with no database guard.
     * Correct only while the caller's external lock really excludes every other writer.
     */
    public void overwriteStock(DSLContext tx, String itemId, int newStock) {
        tx.update(ITEMS)
                .set(ITEMS.STOCK, newStock)
                .set(ITEMS.UPDATED_AT, DSL.currentOffsetDateTime())
                .where(ITEMS.ITEM_ID.eq(itemId))
                .execute();
    }

    /**
     * Records {@code token} as the newest fence seen by the item and returns the row as of that moment, or {@code
     * null} when the item is unknown or already saw a newer token. After this statement no holder of an older token
     * can write the row.
     */
    public ItemsRecord advanceFence(DSLContext tx, String itemId, long token) {
        return tx.update(ITEMS)
                .set(ITEMS.FENCE_TOKEN, token)
                .where(ITEMS.ITEM_ID.eq(itemId))
                .and(ITEMS.FENCE_TOKEN.le(token))
                .returning()
                .fetchOne();
    }

    /** Writes a new stock only while the row still carries {@code token} as its newest fence. */
    public boolean overwriteStockFenced(DSLContext tx, String itemId, long token, int newStock) {
        return tx.update(ITEMS)
                        .set(ITEMS.STOCK, newStock)
                        .set(ITEMS.UPDATED_AT, DSL.currentOffsetDateTime())
                        .where(ITEMS.ITEM_ID.eq(itemId))
                        .and(ITEMS.FENCE_TOKEN.eq(token))
                        .execute()
                == 1;
    }

    /**
     * Why {@code quantity} cannot be taken from {@code item} as it was read, or {@code null} when it can. A {@code
     * null} item is an unknown item.
     */
    public static Reason shortage(ItemsRecord item, int quantity) {
        if (item == null) {
            return Reason.UNKNOWN_ITEM;
        }
        if (item.getStock() <= 0) {
            return Reason.SOLD_OUT;
        }
        if (item.getStock() < quantity) {
            return Reason.INSUFFICIENT_STOCK;
        }
        return null;
    }
}
