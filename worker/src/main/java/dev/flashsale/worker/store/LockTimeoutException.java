package dev.flashsale.worker.store;

/**
 * PostgreSQL gave up waiting for a row lock ({@code lock_timeout}, SQLSTATE {@value Database#LOCK_NOT_AVAILABLE}): the
 * row is genuinely held by another transaction, so the requests waiting for it are refused with {@code LOCK_TIMEOUT}.
 * The transaction was rolled back.
 */
public final class LockTimeoutException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    LockTimeoutException(String what) {
        super("row lock wait ran out while " + what, null, false, false);
    }
}
