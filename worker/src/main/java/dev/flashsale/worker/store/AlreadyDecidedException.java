package dev.flashsale.worker.store;

/**
 * Thrown inside a decision transaction when the request id already has an order row, so that the transaction and
 * any stock change in it roll back. It is control flow between a strategy and its caller, never an error to log.
 */
public final class AlreadyDecidedException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** @param what the request (or requests) found decided, for the message */
    public AlreadyDecidedException(String what) {
        super(what + " already decided", null, false, false);
    }
}
