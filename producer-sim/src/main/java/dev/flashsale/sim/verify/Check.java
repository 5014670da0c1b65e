package dev.flashsale.sim.verify;

/** The checks of the verifier, each tied to an invariant of the design. */
public enum Check {
    /** Invariant 1: per item, sold ≤ initial stock, stock = initial − sold, stock ≥ 0. */
    NO_OVERSELL(1, "no oversell"),
    /**
     * Invariant 2: a request delivered once has exactly one result on the results topic; one delivered n times has at
     * most n results, all identical.
     */
    ONE_RESULT_PER_REQUEST(2, "one result per request"),
    /** Invariant 2: every result is the stored decision: an order row with the same status, reason and order id. */
    RESULTS_MATCH_ORDERS(2, "results match order rows"),
    /** Invariant 3: per item and user, the successful quantity ≤ the item's per-user limit. */
    PER_USER_LIMIT(3, "per-user limits held"),
    /** Invariant 4: every request has a result, every record without a readable id a dead letter. */
    NOTHING_MISSING(4, "nothing missing");

    private final int invariant;
    private final String title;

    Check(int invariant, String title) {
        this.invariant = invariant;
        this.title = title;
    }

    /** The number of the design's invariant this check guards. */
    public int invariant() {
        return invariant;
    }

    public String title() {
        return title;
    }
}
