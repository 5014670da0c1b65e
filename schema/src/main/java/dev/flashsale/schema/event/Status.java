package dev.flashsale.schema.event;

/**
 * The outcome class of a purchase decision, published as the {@code status} field of a result.
 *
 * <p>Part of the public event contract: names are never renamed or removed once released.
 */
public enum Status {
    /** The purchase went through: stock was taken and an order id was issued. */
    SUCCEEDED,
    /** The request was decided against for a business reason; retrying it unchanged will not help. */
    REJECTED,
    /**
     * The request could not be decided in time because of contention (retries exhausted, lock not
     * obtained, lock outdated). Nothing was sold; the client may try again with a new request id.
     */
    FAILED
}
