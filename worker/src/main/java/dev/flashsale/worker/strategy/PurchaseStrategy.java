package dev.flashsale.worker.strategy;

import dev.flashsale.schema.event.PurchaseRequest;
import dev.flashsale.worker.model.Decision;
import java.util.List;

/**
 * Decides purchase requests against the database, each under the concurrency discipline its implementation names.
 *
 * <p>The contract every implementation keeps:
 *
 * <ul>
 *   <li>The requests handed in are valid and undecided (the caller filtered redeliveries), with distinct request ids.
 *   <li>A {@link Decision.Purchased} is durable when returned: the order row was written in the same database
 *       transaction as the stock it took.
 *   <li>A {@link Decision.Refused} took nothing and wrote nothing; the caller records a poll's refusals together, after
 *       every lock is released.
 *   <li>Business outcomes (sold out, limit exceeded, conflict retries exhausted, lock wait timed out) are returned as
 *       decisions, never thrown.
 *   <li>Infrastructure failures are thrown as {@link dev.flashsale.worker.model.Unavailable} (or {@link
 *       dev.flashsale.worker.model.IntegrityViolation} when a constraint refused a write). Purchases made before the
 *       failure stay made; the caller finds their rows when it retries the poll.
 * </ul>
 *
 * <p>The whole poll is handed in at once so that a strategy may decide it together ({@code batched}); per-request
 * strategies extend {@link SingleRequestStrategy}.
 */
public interface PurchaseStrategy {

    /** The name recorded in every order row and result this strategy produces. */
    StrategyName name();

    /** Returns one decision per request, in the order given. */
    List<Decision> decide(List<PurchaseRequest> requests);
}
