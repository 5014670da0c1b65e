package dev.flashsale.schema.event;

/**
 * Why a purchase did not succeed, published as the {@code reason} field of a result.
 *
 * <p>Every reason implies exactly one {@link Status}; see {@link #status()}. Part of the public event
 * contract: codes are never renamed or removed once released, only added.
 */
public enum Reason {
    /** The item's stock was 0 when the request was decided. */
    SOLD_OUT(Status.REJECTED),
    /** The item still had stock, but less than the requested quantity. */
    INSUFFICIENT_STOCK(Status.REJECTED),
    /** Granting the request would take the user past the item's per-user limit. */
    LIMIT_EXCEEDED(Status.REJECTED),
    /** No item with the requested item id exists. */
    UNKNOWN_ITEM(Status.REJECTED),
    /** The request was malformed or a value was out of range (for example quantity above the maximum). */
    INVALID_REQUEST(Status.REJECTED),
    /** The request id was already used for a different purchase (other user, item or quantity). */
    DUPLICATE_REQUEST(Status.REJECTED),
    /** Optimistic concurrency retries were exhausted before the update could be applied. */
    CONFLICT(Status.FAILED),
    /** The item's lock could not be obtained within the configured wait time. */
    LOCK_TIMEOUT(Status.FAILED),
    /** The fenced lock token was older than one the item had already seen, so the write was refused. */
    STALE_LOCK(Status.FAILED);

    private final Status status;

    Reason(Status status) {
        this.status = status;
    }

    /**
     * The status a result carrying this reason must have: {@link Status#FAILED} for contention
     * outcomes ({@link #CONFLICT}, {@link #LOCK_TIMEOUT}, {@link #STALE_LOCK}), {@link
     * Status#REJECTED} for all others. Never {@link Status#SUCCEEDED}.
     */
    public Status status() {
        return status;
    }
}
