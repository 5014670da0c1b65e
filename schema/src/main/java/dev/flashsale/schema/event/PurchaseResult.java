package dev.flashsale.schema.event;

import java.time.Instant;
import java.util.Objects;

/**
 * The one decision taken for a purchase request: the value of a {@code purchase-results} record,
 * keyed by {@code requestId}.
 *
 * <p>JSON form (null fields are left out): {@code requestId, userId, itemId, quantity, status,
 * reason, orderId, strategy, workerId, timestamp}, where {@code timestamp} is {@link #decidedAt()}
 * as an ISO-8601 instant such as {@code 2025-01-31T12:00:00.123Z}.
 *
 * <p>Consistency rules, checked on construction:
 *
 * <ul>
 *   <li>{@code reason} is null if and only if {@code status} is {@link Status#SUCCEEDED}, and
 *       otherwise {@code reason.status() == status};
 *   <li>{@code orderId} is non-null if and only if {@code status} is {@link Status#SUCCEEDED};
 *   <li>{@code requestId}, {@code strategy}, {@code workerId} and {@code decidedAt} are always
 *       present;
 *   <li>for every result except {@link Reason#INVALID_REQUEST}, the request was readable, so
 *       {@code userId} and {@code itemId} are present and {@code quantity} is at least 1;
 *   <li>an {@link Reason#INVALID_REQUEST} result carries what could be read of the request: {@code
 *       userId} and {@code itemId} may be null, and {@code quantity} is the quantity as sent when it
 *       was an integer (even an invalid one such as -1), or 0 when it could not be read.
 * </ul>
 *
 * @param requestId the request this decision answers
 * @param userId the buyer; null only for {@link Reason#INVALID_REQUEST}
 * @param itemId the item; null only for {@link Reason#INVALID_REQUEST}
 * @param quantity units requested; below 1 only for {@link Reason#INVALID_REQUEST}
 * @param status the outcome class
 * @param reason why the purchase did not succeed; null if and only if it succeeded
 * @param orderId the order created; non-null if and only if it succeeded
 * @param strategy the name of the concurrency strategy that decided
 * @param workerId the worker instance that decided
 * @param decidedAt when the decision was taken (JSON field {@code timestamp})
 */
public record PurchaseResult(
        String requestId,
        String userId,
        String itemId,
        int quantity,
        Status status,
        Reason reason,
        String orderId,
        String strategy,
        String workerId,
        Instant decidedAt) {

    /** @throws IllegalArgumentException if the values break one of the rules above */
    public PurchaseResult {
        Identifiers.require("requestId", requestId);
        Identifiers.optional("userId", userId);
        Identifiers.optional("itemId", itemId);
        Identifiers.optional("orderId", orderId);
        Identifiers.require("strategy", strategy);
        Identifiers.require("workerId", workerId);
        if (status == null) {
            throw new IllegalArgumentException("status must not be null");
        }
        if (decidedAt == null) {
            throw new IllegalArgumentException("decidedAt must not be null");
        }
        boolean succeeded = status == Status.SUCCEEDED;
        if (succeeded != (reason == null)) {
            throw new IllegalArgumentException("reason must be absent exactly when status is SUCCEEDED, got status "
                    + status + " with reason " + reason);
        }
        if (reason != null && reason.status() != status) {
            throw new IllegalArgumentException(
                    "reason " + reason + " implies status " + reason.status() + ", got " + status);
        }
        if (succeeded != (orderId != null)) {
            throw new IllegalArgumentException("orderId must be present exactly when status is SUCCEEDED, got status "
                    + status + (orderId == null ? " without an orderId" : " with an orderId"));
        }
        if (reason != Reason.INVALID_REQUEST) {
            if (userId == null || itemId == null) {
                throw new IllegalArgumentException(
                        "userId and itemId must be present unless the reason is INVALID_REQUEST, got status " + status
                                + " with reason " + reason);
            }
            if (quantity < 1) {
                throw new IllegalArgumentException(
                        "quantity must be at least 1 unless the reason is INVALID_REQUEST, got " + quantity);
            }
        }
    }

    /** A successful purchase of {@code request}, recorded as order {@code orderId}. */
    public static PurchaseResult succeeded(
            PurchaseRequest request, String orderId, String strategy, String workerId, Instant decidedAt) {
        Objects.requireNonNull(request, "request");
        return new PurchaseResult(
                request.requestId(),
                request.userId(),
                request.itemId(),
                request.quantity(),
                Status.SUCCEEDED,
                null,
                orderId,
                strategy,
                workerId,
                decidedAt);
    }

    /**
     * An unsuccessful decision on a readable {@code request}; the status is {@code
     * reason.status()}, so the same factory serves rejections and failures.
     */
    public static PurchaseResult of(
            PurchaseRequest request, Reason reason, String strategy, String workerId, Instant decidedAt) {
        Objects.requireNonNull(request, "request");
        Objects.requireNonNull(reason, "reason");
        return new PurchaseResult(
                request.requestId(),
                request.userId(),
                request.itemId(),
                request.quantity(),
                reason.status(),
                reason,
                null,
                strategy,
                workerId,
                decidedAt);
    }

    /**
     * A {@link Reason#INVALID_REQUEST} rejection of a record of which only the request id could be
     * read (see {@link DecodeError#requestId()}): user and item are left out and quantity is 0.
     */
    public static PurchaseResult invalidRequest(String requestId, String strategy, String workerId, Instant decidedAt) {
        return invalidRequest(requestId, null, null, null, strategy, workerId, decidedAt);
    }

    /**
     * A {@link Reason#INVALID_REQUEST} rejection carrying what could be read of the record: each of
     * {@code userId}, {@code itemId} and {@code quantity} may be null (quantity then becomes 0).
     */
    public static PurchaseResult invalidRequest(
            String requestId,
            String userId,
            String itemId,
            Integer quantity,
            String strategy,
            String workerId,
            Instant decidedAt) {
        return new PurchaseResult(
                requestId,
                userId,
                itemId,
                quantity == null ? 0 : quantity,
                Status.REJECTED,
                Reason.INVALID_REQUEST,
                null,
                strategy,
                workerId,
                decidedAt);
    }
}
