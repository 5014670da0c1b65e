package dev.flashsale.sim.verify;

import static dev.flashsale.schema.db.Tables.ITEMS;
import static dev.flashsale.schema.db.Tables.ORDERS;

import dev.flashsale.schema.event.Status;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.impl.DSL;

/**
 * What the verifier needs from the database, read in one read-only repeatable-read transaction so that the items and
 * the orders are one consistent snapshot even while workers still write.
 *
 * @param items every item, with what its orders sold
 * @param salesOfUnknownItems item ids that have successful orders but no row in {@code items}
 * @param overLimit every (item, user) whose successful orders exceed the item's per-user limit
 * @param orders the order rows of the run's request ids (all rows when the run has no request id prefix)
 */
public record DatabaseState(
        List<ItemState> items,
        Set<String> salesOfUnknownItems,
        List<UserOverLimit> overLimit,
        Map<String, OrderRow> orders) {

    /** An order row as far as the verifier compares it with a result. */
    public record OrderRow(String status, String reason, String orderId) {}

    /** A user who bought more of an item than its per-user limit allows. */
    public record UserOverLimit(String itemId, String userId, long bought, int limit) {}

    /** Reads the snapshot; {@code requestIdPrefix} limits the order rows read, null reads them all. */
    public static DatabaseState read(DSLContext dsl, String requestIdPrefix) {
        return dsl.transactionResult(cfg -> {
            DSLContext tx = cfg.dsl();
            tx.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY");
            Field<BigDecimal> sold = DSL.sum(ORDERS.QUANTITY);
            Condition succeeded = ORDERS.STATUS.eq(Status.SUCCEEDED.name());

            Map<String, Long> soldByItem = new HashMap<>();
            tx.select(ORDERS.ITEM_ID, sold)
                    .from(ORDERS)
                    .where(succeeded)
                    .groupBy(ORDERS.ITEM_ID)
                    .forEach(r -> soldByItem.put(r.value1(), r.value2().longValue()));

            List<ItemState> items = new ArrayList<>();
            tx.select(ITEMS.ITEM_ID, ITEMS.INITIAL_STOCK, ITEMS.STOCK, ITEMS.PER_USER_LIMIT)
                    .from(ITEMS)
                    .forEach(r -> items.add(new ItemState(
                            r.value1(), r.value2(), r.value3(), r.value4(), soldByItem.getOrDefault(r.value1(), 0L))));
            items.sort(ItemState.NATURAL_ORDER);
            Set<String> unknown = new TreeSet<>(soldByItem.keySet());
            items.forEach(item -> unknown.remove(item.itemId()));

            List<UserOverLimit> overLimit = new ArrayList<>();
            tx.select(ORDERS.ITEM_ID, ORDERS.USER_ID, sold, ITEMS.PER_USER_LIMIT)
                    .from(ORDERS)
                    .join(ITEMS)
                    .on(ITEMS.ITEM_ID.eq(ORDERS.ITEM_ID))
                    .where(succeeded.and(ITEMS.PER_USER_LIMIT.isNotNull()))
                    .groupBy(ORDERS.ITEM_ID, ORDERS.USER_ID, ITEMS.PER_USER_LIMIT)
                    .having(sold.gt(ITEMS.PER_USER_LIMIT.cast(BigDecimal.class)))
                    .orderBy(ORDERS.ITEM_ID, ORDERS.USER_ID)
                    .forEach(r -> overLimit.add(
                            new UserOverLimit(r.value1(), r.value2(), r.value3().longValue(), r.value4())));

            Map<String, OrderRow> orders = new HashMap<>();
            tx.select(ORDERS.REQUEST_ID, ORDERS.STATUS, ORDERS.REASON, ORDERS.ORDER_ID)
                    .from(ORDERS)
                    .where(requestIdPrefix == null ? DSL.noCondition() : ORDERS.REQUEST_ID.startsWith(requestIdPrefix))
                    .fetchSize(10_000)
                    .forEach(r -> orders.put(
                            r.value1(),
                            new OrderRow(
                                    r.value2(),
                                    r.value3(),
                                    r.value4() == null ? null : r.value4().toString())));
            return new DatabaseState(List.copyOf(items), unknown, List.copyOf(overLimit), orders);
        });
    }
}
