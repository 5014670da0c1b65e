package dev.flashsale.worker.store;

import dev.flashsale.schema.event.PurchaseRequest;
import dev.flashsale.schema.event.Reason;
import dev.flashsale.schema.event.Status;
import dev.flashsale.worker.model.Decision;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * The decided requests, one row per request id, as the decision service reads and records them. {@link Orders} keeps
 * them in PostgreSQL; a test may keep them in memory.
 */
public interface OrderBook {

    /** A refusal to record: the request's fields as far as they could be read, and why it was refused. */
    record Refusal(String requestId, String userId, String itemId, Integer quantity, Reason reason) {

        /** The row that records this refusal. */
        public OrderRow row(String strategy, String workerId, Instant decidedAt) {
            return new OrderRow(
                    requestId, null, userId, itemId, quantity, reason.status(), reason, strategy, workerId, decidedAt);
        }
    }

    /** The stored rows for {@code requestIds}, by request id; ids without a row are absent. */
    Map<String, OrderRow> find(Collection<String> requestIds);

    /**
     * Records {@code refusals} together, all stamped {@code decidedAt}, and returns the rows written. A request id that
     * already had a row keeps it and is absent from the answer.
     */
    Map<String, OrderRow> recordRefusals(List<Refusal> refusals, Instant decidedAt);

    /** The row a strategy wrote for {@code request}'s purchase, with the stock it took. */
    default OrderRow purchased(PurchaseRequest request, Decision.Purchased purchase) {
        return new OrderRow(
                request.requestId(),
                purchase.orderId(),
                request.userId(),
                request.itemId(),
                request.quantity(),
                Status.SUCCEEDED,
                null,
                strategy(),
                workerId(),
                purchase.decidedAt());
    }

    /** The strategy name written with every row recorded here. */
    String strategy();

    /** The worker id written with every row recorded here. */
    String workerId();
}
