package dev.flashsale.worker.store;

import dev.flashsale.schema.event.PurchaseRequest;
import dev.flashsale.worker.model.Decision;
import dev.flashsale.worker.model.PurchaseRule.ItemView;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;

/**
 * The statements that sell: each takes stock from an item and writes the purchase's order row in one statement (a
 * data-modifying {@code WITH}), so a sale is one round trip to the server and the stock change and its order commit
 * together or not at all. Which guard the stock change carries is what tells the strategies apart.
 *
 * <p>Every statement fails with {@link AlreadyDecidedException} when the request already has an order row, and then
 * changes nothing.
 */
public final class Purchases {

    private static final String RECORD_FROM = """
            INSERT INTO orders (request_id, order_id, user_id, item_id, quantity, status, strategy, worker_id, decided_at)
            SELECT :request, :order, :user, item_id, :quantity, 'SUCCEEDED', :strategy, :worker, :decided_at
            FROM\s""";

    // atomic: the guarded decrement. For an item with a per-user limit it takes nothing (the limit must be checked
    // under the row lock, in a statement of its own); the item as this statement's snapshot saw it explains why
    // nothing was taken.
    private static final NamedSql TAKE_IF_AVAILABLE = NamedSql.of("""
            WITH taken AS (
                UPDATE items SET stock = stock - :quantity, updated_at = now()
                WHERE item_id = :item AND stock >= :quantity AND per_user_limit IS NULL
                RETURNING item_id),
            recorded AS (
            """ + RECORD_FROM + """
            taken
                RETURNING request_id)
            SELECT EXISTS (SELECT FROM recorded), seen.item_id IS NOT NULL, seen.stock, seen.per_user_limit
            FROM (VALUES (0)) AS one (x) LEFT JOIN items seen ON seen.item_id = :item""");

    // optimistic: the article's guard, the stock as its own version.
    private static final NamedSql TAKE_IF_UNCHANGED = NamedSql.of("""
            WITH taken AS (
                UPDATE items SET stock = stock - :quantity, updated_at = now()
                WHERE item_id = :item AND stock = :expected
                RETURNING item_id)
            """ + RECORD_FROM + "taken");

    // pessimistic, and atomic for limited items: the caller holds the row lock and checked the stock.
    private static final NamedSql TAKE_LOCKED = NamedSql.of("""
            WITH taken AS (
                UPDATE items SET stock = stock - :quantity, updated_at = now()
                WHERE item_id = :item
                RETURNING item_id)
            """ + RECORD_FROM + "taken");

    // atomic for limited items, step one: the guarded decrement alone, which takes the row lock.
    private static final NamedSql DECREMENT_IF_AVAILABLE = NamedSql.of("""
            UPDATE items SET stock = stock - :quantity, updated_at = now()
            WHERE item_id = :item AND stock >= :quantity
            RETURNING per_user_limit""");

    private static final NamedSql RECORD = NamedSql.of("""
            INSERT INTO orders (request_id, order_id, user_id, item_id, quantity, status, strategy, worker_id, decided_at)
            VALUES (:request, :order, :user, :item, :quantity, 'SUCCEEDED', :strategy, :worker, :decided_at)""");

    // distributed: the plain write of a read-check-write, with no guard at all; correct only while the external lock
    // really excludes every other writer.
    private static final NamedSql OVERWRITE = NamedSql.of("""
            WITH written AS (
                UPDATE items SET stock = :stock, updated_at = now()
                WHERE item_id = :item
                RETURNING item_id)
            """ + RECORD_FROM + "written");

    // fenced: the write lands only while the row still carries this holder's token as its newest fence.
    private static final NamedSql OVERWRITE_FENCED = NamedSql.of("""
            WITH written AS (
                UPDATE items SET stock = :stock, updated_at = now()
                WHERE item_id = :item AND fence_token = :token
                RETURNING item_id)
            """ + RECORD_FROM + "written");

    // batched: every item's decrement and every order of a poll, two arrays each, one statement.
    private static final NamedSql TAKE_ALL_LOCKED = NamedSql.of("""
            WITH taken AS (
                UPDATE items SET stock = items.stock - sold.quantity, updated_at = now()
                FROM unnest(:sold_items::varchar[], :sold_quantities::int4[]) AS sold(item_id, quantity)
                WHERE items.item_id = sold.item_id)
            INSERT INTO orders (request_id, order_id, user_id, item_id, quantity, status, strategy, worker_id, decided_at)
            SELECT p.request_id, p.order_id, p.user_id, p.item_id, p.quantity, 'SUCCEEDED', :strategy, :worker,
                   :decided_at
            FROM unnest(:requests::varchar[], :orders::uuid[], :users::varchar[], :items::varchar[],
                        :quantities::int4[]) AS p(request_id, order_id, user_id, item_id, quantity)""");

    private final Orders orders;

    public Purchases(Orders orders) {
        this.orders = orders;
    }

    /** What {@link #takeIfAvailable} did: took the stock, or left it and saw the item as {@code seen}. */
    public record Attempt(boolean taken, boolean itemExists, ItemView seen) {}

    /**
     * atomic: takes the quantity if that much is left and the item has no per-user limit, and records the purchase,
     * in one autocommit statement.
     */
    public Attempt takeIfAvailable(Connection connection, PurchaseRequest request, Decision.Purchased purchase)
            throws SQLException {
        try (NamedSql.Bound statement = bindOrder(TAKE_IF_AVAILABLE.prepare(connection), request, purchase);
                ResultSet row = statement.statement().executeQuery()) {
            row.next();
            boolean exists = row.getBoolean(2);
            int stock = row.getInt(3);
            int limit = row.getInt(4);
            Integer perUserLimit = row.wasNull() ? null : limit;
            return new Attempt(row.getBoolean(1), exists, exists ? new ItemView(stock, perUserLimit) : null);
        }
    }

    /** optimistic: takes the quantity only if the stock is still {@code expectedStock}; false when it moved. */
    public boolean takeIfUnchanged(
            Connection connection, PurchaseRequest request, int expectedStock, Decision.Purchased purchase)
            throws SQLException {
        try (NamedSql.Bound statement = bindOrder(TAKE_IF_UNCHANGED.prepare(connection), request, purchase)
                .set("expected", expectedStock)) {
            return statement.statement().executeUpdate() == 1;
        }
    }

    /** Takes the quantity unconditionally; only for callers that hold the row lock and checked the stock. */
    public void takeLocked(Connection connection, PurchaseRequest request, Decision.Purchased purchase)
            throws SQLException {
        try (NamedSql.Bound statement = bindOrder(TAKE_LOCKED.prepare(connection), request, purchase)) {
            statement.statement().executeUpdate();
        }
    }

    /**
     * The guarded decrement alone, which locks the row until the transaction ends. Returns the item's per-user limit
     * wrapped as found, or {@code null} when nothing was taken.
     */
    public LimitAfterTake decrementIfAvailable(Connection connection, PurchaseRequest request) throws SQLException {
        try (NamedSql.Bound statement = DECREMENT_IF_AVAILABLE
                        .prepare(connection)
                        .set("quantity", request.quantity())
                        .set("item", request.itemId());
                ResultSet row = statement.statement().executeQuery()) {
            if (!row.next()) {
                return null;
            }
            int limit = row.getInt(1);
            return new LimitAfterTake(row.wasNull() ? null : limit);
        }
    }

    /** The per-user limit of an item whose stock was just taken. */
    public record LimitAfterTake(Integer perUserLimit) {}

    /** Writes the purchase's order row; the caller already took the stock in the same transaction. */
    public void record(Connection connection, PurchaseRequest request, Decision.Purchased purchase)
            throws SQLException {
        try (NamedSql.Bound statement = bindOrder(RECORD.prepare(connection), request, purchase)) {
            statement.statement().executeUpdate();
        }
    }

    /** distributed: writes {@code newStock} with no guard and records the purchase. */
    public void overwrite(Connection connection, PurchaseRequest request, int newStock, Decision.Purchased purchase)
            throws SQLException {
        try (NamedSql.Bound statement =
                bindOrder(OVERWRITE.prepare(connection), request, purchase).set("stock", newStock)) {
            statement.statement().executeUpdate();
        }
    }

    /** fenced: writes {@code newStock} only while the row's newest fence is {@code token}; false when it is not. */
    public boolean overwriteFenced(
            Connection connection, PurchaseRequest request, int newStock, long token, Decision.Purchased purchase)
            throws SQLException {
        try (NamedSql.Bound statement = bindOrder(OVERWRITE_FENCED.prepare(connection), request, purchase)
                .set("stock", newStock)
                .set("token", token)) {
            return statement.statement().executeUpdate() == 1;
        }
    }

    /** One item's total taken by a batch. */
    public record Sold(String itemId, int quantity) {}

    /**
     * batched: takes each item's total and writes every purchase of the batch, in one statement; the caller holds
     * every row lock and checked the stock.
     */
    public void takeAllLocked(
            Connection connection,
            List<Sold> sold,
            List<PurchaseRequest> requests,
            List<Decision.Purchased> purchases,
            java.time.Instant decidedAt)
            throws SQLException {
        int n = requests.size();
        String[] ids = new String[n];
        java.util.UUID[] orderIds = new java.util.UUID[n];
        String[] users = new String[n];
        String[] items = new String[n];
        Integer[] quantities = new Integer[n];
        for (int i = 0; i < n; i++) {
            PurchaseRequest request = requests.get(i);
            ids[i] = request.requestId();
            orderIds[i] = purchases.get(i).orderId();
            users[i] = request.userId();
            items[i] = request.itemId();
            quantities[i] = request.quantity();
        }
        try (NamedSql.Bound statement = TAKE_ALL_LOCKED
                .prepare(connection)
                .setArray(
                        "sold_items", "varchar", sold.stream().map(Sold::itemId).toArray(String[]::new))
                .setArray(
                        "sold_quantities",
                        "int4",
                        sold.stream().map(Sold::quantity).toArray(Integer[]::new))
                .set("strategy", orders.strategy())
                .set("worker", orders.workerId())
                .set("decided_at", decidedAt)
                .setArray("requests", "varchar", ids)
                .setArray("orders", "uuid", orderIds)
                .setArray("users", "varchar", users)
                .setArray("items", "varchar", items)
                .setArray("quantities", "int4", quantities)) {
            statement.statement().executeUpdate();
        }
    }

    private NamedSql.Bound bindOrder(NamedSql.Bound statement, PurchaseRequest request, Decision.Purchased purchase)
            throws SQLException {
        return statement
                .set("request", request.requestId())
                .set("order", purchase.orderId())
                .set("user", request.userId())
                .set("item", request.itemId())
                .set("quantity", request.quantity())
                .set("strategy", orders.strategy())
                .set("worker", orders.workerId())
                .set("decided_at", purchase.decidedAt());
    }
}
