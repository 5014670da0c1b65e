package dev.flashsale.worker.store;

import dev.flashsale.worker.model.IntegrityViolation;
import dev.flashsale.worker.model.Unavailable;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Objects;
import javax.sql.DataSource;
import org.postgresql.util.PSQLException;
import org.postgresql.util.ServerErrorMessage;

/**
 * The worker's units of database work, on connections from the pool, and the one place where SQL errors are sorted:
 *
 * <ul>
 *   <li>a second order row for a request id ({@code orders_pk}) is {@link AlreadyDecidedException};
 *   <li>an expired row-lock wait ({@value #LOCK_NOT_AVAILABLE}) is {@link LockTimeoutException};
 *   <li>any other constraint (SQLSTATE class 23, such as {@code CHECK (stock >= 0)}) is {@link IntegrityViolation};
 *   <li>everything else (the server unreachable, a connection cut, the pool exhausted) is {@link Unavailable}: nothing
 *       was decided and the poll is retried.
 * </ul>
 *
 * A unit either runs as single statements in autocommit mode (each its own transaction, committed as it completes, so
 * a statement holds its row lock only while the server executes and commits it), or as one explicit transaction.
 */
public final class Database {

    /** PostgreSQL's SQLSTATE for {@code lock_not_available}, raised when {@code lock_timeout} expires. */
    public static final String LOCK_NOT_AVAILABLE = "55P03";

    static final String ORDERS_PRIMARY_KEY = "orders_pk";
    private static final String UNIQUE_VIOLATION = "23505";

    private final DataSource dataSource;

    public Database(DataSource dataSource) {
        this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
    }

    /** Work on one connection. */
    @FunctionalInterface
    public interface Work<T> {
        T run(Connection connection) throws SQLException;
    }

    /**
     * Runs {@code work} on a connection in autocommit mode: each statement commits on its own.
     *
     * @param what what the work does, for error messages ({@code deciding item sku-1})
     */
    public <T> T autoCommit(String what, Work<T> work) {
        try (Connection connection = dataSource.getConnection()) {
            return work.run(connection);
        } catch (SQLException e) {
            throw translate(what, e);
        }
    }

    /**
     * Runs {@code work} as one transaction: committed when it returns, rolled back when it throws. The work may also
     * roll back itself ({@link Connection#rollback()}) and return; the commit then has nothing to do.
     */
    public <T> T transaction(String what, Work<T> work) {
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            try {
                T result = work.run(connection);
                connection.commit();
                return result;
            } catch (SQLException | RuntimeException e) {
                rollbackQuietly(connection, e);
                throw e;
            }
            // The pool puts autocommit back when the connection returns.
        } catch (SQLException e) {
            throw translate(what, e);
        }
    }

    private static void rollbackQuietly(Connection connection, Exception cause) {
        try {
            connection.rollback();
        } catch (SQLException rollbackFailed) {
            // The connection is likely gone; the server rolls the transaction back by itself.
            cause.addSuppressed(rollbackFailed);
        }
    }

    /** Sorts a failed statement into the worker's failure kinds. */
    static RuntimeException translate(String what, SQLException e) {
        String state = e.getSQLState();
        if (LOCK_NOT_AVAILABLE.equals(state)) {
            return new LockTimeoutException(what);
        }
        if (state != null && state.startsWith("23")) {
            String constraint = constraint(e);
            if (UNIQUE_VIOLATION.equals(state) && ORDERS_PRIMARY_KEY.equals(constraint)) {
                return new AlreadyDecidedException("a request " + what);
            }
            return new IntegrityViolation(constraint == null ? "SQLSTATE " + state : constraint, e);
        }
        return new Unavailable(Unavailable.DATABASE, what, e);
    }

    private static String constraint(SQLException e) {
        if (e instanceof PSQLException psql) {
            ServerErrorMessage message = psql.getServerErrorMessage();
            return message == null ? null : message.getConstraint();
        }
        return null;
    }
}
