package dev.flashsale.worker.store;

/**
 * A request id already has an order row, so the statement that tried to record it failed and rolled back, stock change
 * included. It is control flow between the store and the strategies (a rebalance left two consumers on the same
 * record for a moment), never an error to log.
 */
public final class AlreadyDecidedException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    AlreadyDecidedException(String what) {
        super(what + " already decided", null, false, false);
    }
}
