package dev.flashsale.demo.bench;

import dev.flashsale.demo.process.CpuMeter;
import dev.flashsale.schema.event.PurchaseRequest;
import dev.flashsale.schema.event.Reason;
import dev.flashsale.schema.event.Status;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * What the database alone can do on this machine: the decision transactions issued straight over JDBC by a pool of
 * threads, with no Kafka, no framework and no result publishing. Each thread takes the next request of the same
 * sequence the strategies answer and runs one transaction for it. The strategies' throughput as a fraction of this is
 * what the rest of the pipeline costs.
 *
 * <p>Plain JDBC with statements prepared once per connection rather than jOOQ: the point is the database's own limit,
 * measured with as little client work as possible. Per-user limits are not checked (the benchmark workloads have
 * none).
 */
public final class DatabaseCeiling {

    /** The transaction measured. */
    public enum Transaction {
        /** {@code UPDATE ... SET stock = stock - q WHERE item_id = ? AND stock >= q}, then the order insert. */
        GUARDED_DECREMENT("ceiling-guarded"),
        /** {@code SELECT ... FOR UPDATE}, then (if enough stock) the update, then the order insert. */
        PESSIMISTIC("ceiling-pessimistic");

        private final String label;

        Transaction(String label) {
            this.label = label;
        }

        /** Name in tables, the CSV and the orders' {@code strategy} column. */
        public String label() {
            return label;
        }
    }

    /**
     * @param transaction what was measured
     * @param requests transactions run
     * @param succeeded of those, purchases
     * @param elapsed from the first transaction's start to the last one's commit
     * @param cpu CPU seconds each part of the system spent meanwhile
     */
    public record Result(
            Transaction transaction, int requests, int succeeded, Duration elapsed, Map<CpuMeter.Part, Double> cpu) {
        public double throughputPerSecond() {
            return requests / Math.max(1e-9, elapsed.toNanos() / 1e9);
        }
    }

    private static final String GUARDED_UPDATE =
            "UPDATE items SET stock = stock - ?, updated_at = now() WHERE item_id = ? AND stock >= ?";
    private static final String LOCK_ROW = "SELECT stock FROM items WHERE item_id = ? FOR UPDATE";
    private static final String PLAIN_UPDATE =
            "UPDATE items SET stock = stock - ?, updated_at = now() WHERE item_id = ?";
    private static final String INSERT_ORDER = "INSERT INTO orders (request_id, order_id, user_id, item_id, quantity,"
            + " status, reason, strategy, worker_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)";
    private static final String WORKER_ID = "bench";

    private DatabaseCeiling() {}

    /**
     * Runs every request of {@code requests} as one {@code transaction} each, on {@code threads} connections, and reads
     * {@code cpu} around the work. The second reading is taken before the connections close: a server process that
     * just exited has left its own CPU account and not yet reached its parent's.
     */
    public static Result measure(
            String jdbcUrl,
            String user,
            String password,
            List<PurchaseRequest> requests,
            int threads,
            Transaction transaction,
            CpuMeter cpu) {
        AtomicInteger next = new AtomicInteger();
        AtomicInteger succeeded = new AtomicInteger();
        List<Connection> connections = new ArrayList<>();
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            for (int t = 0; t < threads; t++) {
                Connection connection = DriverManager.getConnection(jdbcUrl, user, password);
                connection.setAutoCommit(false);
                connections.add(connection);
            }
            Map<CpuMeter.Part, Double> before = cpu.read(List.of());
            long started = System.nanoTime();
            List<Future<?>> running = new ArrayList<>();
            for (Connection connection : connections) {
                running.add(pool.submit(() -> {
                    work(connection, requests, next, succeeded, transaction);
                    return null;
                }));
            }
            for (Future<?> future : running) {
                future.get();
            }
            Duration elapsed = Duration.ofNanos(System.nanoTime() - started);
            Map<CpuMeter.Part, Double> spent = CpuMeter.spent(before, cpu.read(List.of()));
            return new Result(transaction, requests.size(), succeeded.get(), elapsed, spent);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot connect to " + jdbcUrl + " for the database ceiling", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("the " + transaction.label() + " transaction failed", e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while measuring " + transaction.label(), e);
        } finally {
            pool.shutdownNow();
            for (Connection connection : connections) {
                try {
                    connection.close();
                } catch (SQLException e) {
                    // closing after the measurement; nothing left to protect
                }
            }
        }
    }

    private static void work(
            Connection connection,
            List<PurchaseRequest> requests,
            AtomicInteger next,
            AtomicInteger succeeded,
            Transaction transaction)
            throws SQLException {
        try (PreparedStatement guarded = connection.prepareStatement(GUARDED_UPDATE);
                PreparedStatement lock = connection.prepareStatement(LOCK_ROW);
                PreparedStatement plain = connection.prepareStatement(PLAIN_UPDATE);
                PreparedStatement insert = connection.prepareStatement(INSERT_ORDER)) {
            for (int i = next.getAndIncrement(); i < requests.size(); i = next.getAndIncrement()) {
                PurchaseRequest request = requests.get(i);
                Reason refusal = transaction == Transaction.GUARDED_DECREMENT
                        ? guardedDecrement(guarded, request)
                        : lockedDecrement(lock, plain, request);
                insertOrder(insert, request, refusal, transaction.label());
                connection.commit();
                if (refusal == null) {
                    succeeded.incrementAndGet();
                }
            }
        } catch (SQLException e) {
            connection.rollback();
            throw e;
        }
    }

    /** Returns null when the stock was taken, the refusal otherwise. */
    private static Reason guardedDecrement(PreparedStatement guarded, PurchaseRequest request) throws SQLException {
        guarded.setInt(1, request.quantity());
        guarded.setString(2, request.itemId());
        guarded.setInt(3, request.quantity());
        return guarded.executeUpdate() == 1 ? null : Reason.SOLD_OUT;
    }

    private static Reason lockedDecrement(PreparedStatement lock, PreparedStatement plain, PurchaseRequest request)
            throws SQLException {
        lock.setString(1, request.itemId());
        int stock;
        try (ResultSet row = lock.executeQuery()) {
            if (!row.next()) {
                return Reason.UNKNOWN_ITEM;
            }
            stock = row.getInt(1);
        }
        if (stock < request.quantity()) {
            return stock == 0 ? Reason.SOLD_OUT : Reason.INSUFFICIENT_STOCK;
        }
        plain.setInt(1, request.quantity());
        plain.setString(2, request.itemId());
        plain.executeUpdate();
        return null;
    }

    private static void insertOrder(PreparedStatement insert, PurchaseRequest request, Reason refusal, String label)
            throws SQLException {
        insert.setString(1, request.requestId());
        if (refusal == null) {
            insert.setObject(2, UUID.randomUUID());
        } else {
            insert.setNull(2, Types.OTHER);
        }
        insert.setString(3, request.userId());
        insert.setString(4, request.itemId());
        insert.setInt(5, request.quantity());
        insert.setString(
                6, refusal == null ? Status.SUCCEEDED.name() : refusal.status().name());
        insert.setString(7, refusal == null ? null : refusal.name());
        insert.setString(8, label);
        insert.setString(9, WORKER_ID);
        insert.executeUpdate();
    }
}
