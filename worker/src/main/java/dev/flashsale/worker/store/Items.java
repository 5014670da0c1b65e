package dev.flashsale.worker.store;

import dev.flashsale.worker.model.PurchaseRule.ItemView;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The reads and locks strategies issue against {@code items}; each runs on the caller's connection. */
public final class Items {

    /** An item and what one user already bought of it, read in one snapshot. */
    public record ItemRead(ItemView item, int bought) {}

    /** A locked item row of {@link #lockAll}. */
    public record LockedItem(String itemId, ItemView item) {}

    // The user's purchases are summed only for items with a per-user limit.
    private static final NamedSql READ = NamedSql.of("""
            SELECT i.stock, i.per_user_limit,
                   CASE WHEN i.per_user_limit IS NULL THEN 0 ELSE (
                       SELECT coalesce(sum(o.quantity), 0) FROM orders o
                       WHERE o.item_id = i.item_id AND o.user_id = :user AND o.status = 'SUCCEEDED') END
            FROM items i
            WHERE i.item_id = :item""");

    private static final NamedSql LOCK = NamedSql.of("""
            SELECT stock, per_user_limit FROM items WHERE item_id = :item FOR UPDATE""");

    // ORDER BY is applied before the rows are locked, so every transaction locks its items in the same order and two
    // of them can never wait for each other in a cycle.
    private static final NamedSql LOCK_ALL = NamedSql.of("""
            SELECT item_id, stock, per_user_limit FROM items
            WHERE item_id = ANY (:items::varchar[])
            ORDER BY item_id
            FOR UPDATE""");

    private static final NamedSql BOUGHT = NamedSql.of("""
            SELECT coalesce(sum(quantity), 0) FROM orders
            WHERE item_id = :item AND user_id = :user AND status = 'SUCCEEDED'""");

    private static final NamedSql BOUGHT_ALL = NamedSql.of("""
            SELECT o.item_id, o.user_id, sum(o.quantity)
            FROM orders o
            JOIN unnest(:items::varchar[], :users::varchar[]) AS pair(item_id, user_id)
              ON o.item_id = pair.item_id AND o.user_id = pair.user_id
            WHERE o.status = 'SUCCEEDED'
            GROUP BY o.item_id, o.user_id""");

    private static final NamedSql ADVANCE_FENCE = NamedSql.of("""
            UPDATE items SET fence_token = :token
            WHERE item_id = :item AND fence_token <= :token
            RETURNING stock, per_user_limit""");

    private static final NamedSql EXISTS = NamedSql.of("SELECT 1 FROM items WHERE item_id = :item");

    /**
     * Reads an item without locking it, with {@code userId}'s succeeded quantity of it when the item has a per-user
     * limit; {@code null} when there is no such item.
     */
    public ItemRead read(Connection connection, String itemId, String userId) throws SQLException {
        try (NamedSql.Bound statement =
                        READ.prepare(connection).set("item", itemId).set("user", userId);
                ResultSet row = statement.statement().executeQuery()) {
            return row.next() ? new ItemRead(view(row, 1), row.getInt(3)) : null;
        }
    }

    /**
     * Locks the item row ({@code SELECT ... FOR UPDATE}) for the rest of the transaction; {@code null} when there is
     * no such item. The wait is bounded by the connection's {@code lock_timeout}.
     */
    public ItemView lock(Connection connection, String itemId) throws SQLException {
        try (NamedSql.Bound statement = LOCK.prepare(connection).set("item", itemId);
                ResultSet row = statement.statement().executeQuery()) {
            return row.next() ? view(row, 1) : null;
        }
    }

    /** Locks every existing item of {@code itemIds}, in item id order; absent ids are unknown items. */
    public Map<String, ItemView> lockAll(Connection connection, Set<String> itemIds) throws SQLException {
        Map<String, ItemView> locked = new HashMap<>();
        try (NamedSql.Bound statement =
                        LOCK_ALL.prepare(connection).setArray("items", "varchar", itemIds.toArray(String[]::new));
                ResultSet rows = statement.statement().executeQuery()) {
            while (rows.next()) {
                locked.put(rows.getString(1), view(rows, 2));
            }
        }
        return locked;
    }

    /**
     * {@code userId}'s succeeded quantity of the item. Exact only while the caller holds the item's row lock (or the
     * only lock every writer of the item takes), so that no purchase of it commits meanwhile.
     */
    public int bought(Connection connection, String itemId, String userId) throws SQLException {
        try (NamedSql.Bound statement =
                        BOUGHT.prepare(connection).set("item", itemId).set("user", userId);
                ResultSet row = statement.statement().executeQuery()) {
            row.next();
            return row.getInt(1);
        }
    }

    /** Each (item, user) pair's succeeded quantity, keyed {@code item + '\0' + user}; pairs without purchases absent. */
    public Map<String, Integer> boughtAll(Connection connection, List<String> itemIds, List<String> userIds)
            throws SQLException {
        Map<String, Integer> bought = new HashMap<>();
        try (NamedSql.Bound statement = BOUGHT_ALL
                        .prepare(connection)
                        .setArray("items", "varchar", itemIds.toArray(String[]::new))
                        .setArray("users", "varchar", userIds.toArray(String[]::new));
                ResultSet rows = statement.statement().executeQuery()) {
            while (rows.next()) {
                bought.put(pairKey(rows.getString(1), rows.getString(2)), rows.getInt(3));
            }
        }
        return bought;
    }

    /** The key {@link #boughtAll} files a pair under. */
    public static String pairKey(String itemId, String userId) {
        return itemId + '\0' + userId;
    }

    /**
     * Records {@code token} as the newest fence the item has seen and returns the item as of that moment, or {@code
     * null} when the item is unknown or already saw a newer token. After this statement commits, no holder of an
     * older token can write the row.
     */
    public ItemView advanceFence(Connection connection, String itemId, long token) throws SQLException {
        try (NamedSql.Bound statement =
                        ADVANCE_FENCE.prepare(connection).set("token", token).set("item", itemId);
                ResultSet row = statement.statement().executeQuery()) {
            return row.next() ? view(row, 1) : null;
        }
    }

    public boolean exists(Connection connection, String itemId) throws SQLException {
        try (NamedSql.Bound statement = EXISTS.prepare(connection).set("item", itemId);
                ResultSet row = statement.statement().executeQuery()) {
            return row.next();
        }
    }

    private static ItemView view(ResultSet row, int firstColumn) throws SQLException {
        int stock = row.getInt(firstColumn);
        int limit = row.getInt(firstColumn + 1);
        return new ItemView(stock, row.wasNull() ? null : limit);
    }
}
