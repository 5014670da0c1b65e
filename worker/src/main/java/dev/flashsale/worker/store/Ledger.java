package dev.flashsale.worker.store;

import dev.flashsale.schema.event.PurchaseRequest;
import dev.flashsale.schema.event.Reason;
import dev.flashsale.worker.strategy.Decision;
import java.util.Objects;
import java.util.function.Function;
import org.jooq.DSLContext;
import org.jooq.exception.DataAccessException;

/**
 * Runs one decision as one database transaction: the strategy's attempt (which may change the stock) and the order
 * row that records its outcome commit together.
 */
public final class Ledger {

    private final DSLContext dsl;
    private final Inventory inventory;
    private final OrderBook orders;

    public Ledger(DSLContext dsl, Inventory inventory, OrderBook orders) {
        this.dsl = Objects.requireNonNull(dsl, "dsl");
        this.inventory = Objects.requireNonNull(inventory, "inventory");
        this.orders = Objects.requireNonNull(orders, "orders");
    }

    public DSLContext dsl() {
        return dsl;
    }

    /** Runs {@code work} in one transaction of its own; exceptions roll it back and propagate unchanged. */
    public <T> T transaction(Function<DSLContext, T> work) {
        return dsl.transactionResult(cfg -> work.apply(cfg.dsl()));
    }

    public Inventory inventory() {
        return inventory;
    }

    public OrderBook orders() {
        return orders;
    }

    /**
     * Runs {@code attempt} and records its decision in one transaction.
     *
     * <ul>
     *   <li>An attempt that changed the stock and then finds a reason to refuse throws {@link Undo}: the transaction
     *       rolls back and the refusal is recorded on its own.
     *   <li>A row already stored for the request id means another worker decided it: everything rolls back and
     *       {@link Decision.DecidedElsewhere} is returned.
     *   <li>PostgreSQL's lock timeout becomes {@code FAILED/LOCK_TIMEOUT}.
     *   <li>Anything else (the database unreachable, above all) propagates: nothing was decided.
     * </ul>
     */
    public Decision decide(PurchaseRequest request, Function<DSLContext, Decision> attempt) {
        try {
            return dsl.transactionResult(cfg -> {
                DSLContext tx = cfg.dsl();
                Decision decision = attempt.apply(tx);
                orders.record(tx, request, decision);
                return decision;
            });
        } catch (Undo undo) {
            return recordAlone(request, Decision.refused(undo.reason));
        } catch (AlreadyDecidedException decidedElsewhere) {
            return new Decision.DecidedElsewhere();
        } catch (DataAccessException e) {
            if (Inventory.LOCK_NOT_AVAILABLE.equals(e.sqlState())) {
                return recordAlone(request, Decision.refused(Reason.LOCK_TIMEOUT));
            }
            throw e;
        }
    }

    /** Records a decision that changes no stock, in a transaction of its own. */
    public Decision recordAlone(PurchaseRequest request, Decision decision) {
        try {
            dsl.transaction(cfg -> orders.record(cfg.dsl(), request, decision));
            return decision;
        } catch (AlreadyDecidedException decidedElsewhere) {
            return new Decision.DecidedElsewhere();
        }
    }

    /**
     * Thrown by an attempt to roll back a stock change it already made and refuse the request instead (a per-user
     * limit found exceeded once the item row was locked).
     */
    public static final class Undo extends RuntimeException {
        private static final long serialVersionUID = 1L;
        private final transient Reason reason;

        public Undo(Reason reason) {
            super(reason.name(), null, false, false);
            this.reason = reason;
        }
    }
}
