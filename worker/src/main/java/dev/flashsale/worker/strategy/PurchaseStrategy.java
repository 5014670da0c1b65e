package dev.flashsale.worker.strategy;

import dev.flashsale.schema.event.PurchaseRequest;
import java.util.List;

/**
 * Decides purchase requests against the database, each under the concurrency discipline its implementation names.
 *
 * <p>The contract every implementation keeps:
 *
 * <ul>
 *   <li>The requests handed in are valid and undecided (the caller filtered redeliveries), with distinct request ids.
 *   <li>Each decision is recorded as an {@code orders} row in the same database transaction as the stock change it
 *       causes, so a decision and its effect are durable together or not at all.
 *   <li>Business outcomes (sold out, limit exceeded, conflict retries exhausted, lock wait timed out) are returned as
 *       {@link Decision}s, never thrown.
 *   <li>Infrastructure failures (database or Redis unreachable) are thrown. Requests decided before the failure stay
 *       decided; the caller finds their stored rows when it retries the batch.
 * </ul>
 *
 * <p>The whole batch is handed in at once so a strategy may decide a poll's worth of requests together (one guarded
 * decrement per item); per-request strategies extend {@link SingleRequestStrategy}.
 */
public interface PurchaseStrategy {

    /** The name recorded in every order row and result this strategy produces. */
    StrategyName name();

    /** Returns one decision per request, in the order given. */
    List<Decision> decide(List<PurchaseRequest> requests);
}
