package dev.flashsale.worker.model;

/**
 * A database constraint (such as {@code CHECK (stock >= 0)}) refused a write that a strategy should never have
 * attempted: the database's last line of defence worked. Deciding anyway would break an invariant, so the caller
 * retries the poll like an outage and makes the event loud.
 */
public final class IntegrityViolation extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final String constraint;

    public IntegrityViolation(String constraint, Throwable cause) {
        super("constraint " + constraint + " refused a write: " + cause.getMessage(), cause);
        this.constraint = constraint;
    }

    /** The constraint's name, or the SQLSTATE when PostgreSQL did not name one. */
    public String constraint() {
        return constraint;
    }
}
