package dev.flashsale.schema.event;

/**
 * A client's wish to buy {@code quantity} units of an item: the value of a {@code
 * purchase-requests} record.
 *
 * <p>JSON form: {@code {"requestId": "...", "userId": "...", "itemId": "...", "quantity": 1}}.
 *
 * <p>Every instance is valid as far as the contract goes: the three ids are non-blank identifiers
 * of at most 128 characters (the codec's {@code MAX_ID_LENGTH}) without control characters, and the
 * quantity is at least 1. The upper bound of the quantity is a worker setting and is checked
 * there, not here.
 *
 * @param requestId the client's idempotency key, unique per purchase attempt
 * @param userId the buyer
 * @param itemId the item to buy
 * @param quantity how many units, at least 1
 */
public record PurchaseRequest(String requestId, String userId, String itemId, int quantity) {

    /** @throws IllegalArgumentException naming the offending field if a value breaks the contract */
    public PurchaseRequest {
        Identifiers.require("requestId", requestId);
        Identifiers.require("userId", userId);
        Identifiers.require("itemId", itemId);
        if (quantity < 1) {
            throw new IllegalArgumentException("quantity must be at least 1, got " + quantity);
        }
    }
}
