package dev.flashsale.worker.store;

import dev.flashsale.schema.event.Reason;
import dev.flashsale.schema.event.Status;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * The {@code orders} table seen from the decision path: finding stored decisions, and recording refusals, each in an
 * autocommit statement of its own. One row per decided request, whatever the decision, is what makes every decision
 * idempotent; purchases are written by {@link Purchases} in the statement that takes their stock.
 */
public final class Orders implements OrderBook {

    private static final NamedSql FIND = NamedSql.of("""
            SELECT request_id, order_id, user_id, item_id, quantity, status, reason, strategy, worker_id, decided_at
            FROM orders
            WHERE request_id = ANY (:requests::varchar[])""");

    // A refusal takes no stock, so it needs no lock and no transaction with anything else: a poll's refusals are
    // written together. A row already there (another worker decided the request meanwhile) wins.
    private static final NamedSql RECORD_REFUSALS = NamedSql.of("""
            INSERT INTO orders (request_id, user_id, item_id, quantity, status, reason, strategy, worker_id, decided_at)
            SELECT refusal.request_id, refusal.user_id, refusal.item_id, refusal.quantity, refusal.status,
                   refusal.reason, :strategy, :worker, :decided_at
            FROM unnest(:requests::varchar[], :users::varchar[], :items::varchar[], :quantities::int4[],
                        :statuses::varchar[], :reasons::varchar[])
              AS refusal(request_id, user_id, item_id, quantity, status, reason)
            ON CONFLICT (request_id) DO NOTHING
            RETURNING request_id""");

    private final Database database;
    private final String strategy;
    private final String workerId;

    /**
     * @param strategy the strategy name written with every row recorded here
     * @param workerId the worker id written with every row recorded here
     */
    public Orders(Database database, String strategy, String workerId) {
        this.database = database;
        this.strategy = strategy;
        this.workerId = workerId;
    }

    @Override
    public Map<String, OrderRow> find(Collection<String> requestIds) {
        if (requestIds.isEmpty()) {
            return Map.of();
        }
        return database.autoCommit("finding stored decisions", connection -> find(connection, requestIds));
    }

    private static Map<String, OrderRow> find(Connection connection, Collection<String> requestIds)
            throws SQLException {
        Map<String, OrderRow> rows = new HashMap<>();
        try (NamedSql.Bound statement =
                        FIND.prepare(connection).setArray("requests", "varchar", requestIds.toArray(String[]::new));
                ResultSet result = statement.statement().executeQuery()) {
            while (result.next()) {
                OrderRow row = read(result);
                rows.put(row.requestId(), row);
            }
        }
        return rows;
    }

    /** Records the refusals in one statement. */
    @Override
    public Map<String, OrderRow> recordRefusals(List<Refusal> refusals, Instant decidedAt) {
        if (refusals.isEmpty()) {
            return Map.of();
        }
        return database.autoCommit(
                "recording " + refusals.size() + " refusals",
                connection -> recordRefusals(connection, refusals, decidedAt));
    }

    private Map<String, OrderRow> recordRefusals(Connection connection, List<Refusal> refusals, Instant decidedAt)
            throws SQLException {
        Map<String, OrderRow> written = new HashMap<>();
        int n = refusals.size();
        String[] requests = new String[n];
        String[] users = new String[n];
        String[] items = new String[n];
        Integer[] quantities = new Integer[n];
        String[] statuses = new String[n];
        String[] reasons = new String[n];
        for (int i = 0; i < n; i++) {
            Refusal refusal = refusals.get(i);
            requests[i] = refusal.requestId();
            users[i] = refusal.userId();
            items[i] = refusal.itemId();
            quantities[i] = refusal.quantity();
            statuses[i] = refusal.reason().status().name();
            reasons[i] = refusal.reason().name();
        }
        Set<String> inserted = new HashSet<>();
        try (NamedSql.Bound statement = RECORD_REFUSALS
                        .prepare(connection)
                        .set("strategy", strategy)
                        .set("worker", workerId)
                        .set("decided_at", decidedAt)
                        .setArray("requests", "varchar", requests)
                        .setArray("users", "varchar", users)
                        .setArray("items", "varchar", items)
                        .setArray("quantities", "int4", quantities)
                        .setArray("statuses", "varchar", statuses)
                        .setArray("reasons", "varchar", reasons);
                ResultSet result = statement.statement().executeQuery()) {
            while (result.next()) {
                inserted.add(result.getString(1));
            }
        }
        for (Refusal refusal : refusals) {
            if (inserted.contains(refusal.requestId())) {
                written.put(refusal.requestId(), refusal.row(strategy, workerId, decidedAt));
            }
        }
        return written;
    }

    @Override
    public String strategy() {
        return strategy;
    }

    @Override
    public String workerId() {
        return workerId;
    }

    private static OrderRow read(ResultSet row) throws SQLException {
        int quantity = row.getInt(5);
        Integer maybeQuantity = row.wasNull() ? null : quantity;
        String reason = row.getString(7);
        return new OrderRow(
                row.getString(1),
                row.getObject(2, UUID.class),
                row.getString(3),
                row.getString(4),
                maybeQuantity,
                Status.valueOf(row.getString(6)),
                reason == null ? null : Reason.valueOf(reason),
                row.getString(8),
                row.getString(9),
                row.getObject(10, OffsetDateTime.class).toInstant());
    }
}
