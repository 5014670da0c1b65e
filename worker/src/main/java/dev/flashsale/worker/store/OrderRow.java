package dev.flashsale.worker.store;

import dev.flashsale.schema.event.PurchaseRequest;
import dev.flashsale.schema.event.PurchaseResult;
import dev.flashsale.schema.event.Reason;
import dev.flashsale.schema.event.Status;
import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * One row of {@code orders}: a decided request, as written or as read back. A result is always built from one of
 * these, so a redelivered request is answered with exactly what was stored.
 *
 * @param userId null only for an invalid request whose user could not be read
 * @param itemId null only for an invalid request whose item could not be read
 * @param quantity null only for an invalid request whose quantity could not be read
 * @param orderId present exactly on success
 * @param reason absent exactly on success
 */
public record OrderRow(
        String requestId,
        UUID orderId,
        String userId,
        String itemId,
        Integer quantity,
        Status status,
        Reason reason,
        String strategy,
        String workerId,
        Instant decidedAt) {

    public OrderRow {
        Objects.requireNonNull(requestId, "requestId");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(decidedAt, "decidedAt");
    }

    /** The result this row stands for. */
    public PurchaseResult toResult() {
        return new PurchaseResult(
                requestId,
                userId,
                itemId,
                quantity == null ? 0 : quantity,
                status,
                reason,
                orderId == null ? null : orderId.toString(),
                strategy,
                workerId,
                decidedAt);
    }

    /** Whether this row was decided for the same purchase as {@code request} (a redelivery, not a reused id). */
    public boolean samePurchase(PurchaseRequest request) {
        return Objects.equals(userId, request.userId())
                && Objects.equals(itemId, request.itemId())
                && Objects.equals(quantity, request.quantity());
    }
}
