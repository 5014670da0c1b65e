package dev.flashsale.sim;

import dev.flashsale.sim.verify.DatabaseState;
import dev.flashsale.sim.verify.Expectations;
import dev.flashsale.sim.verify.InvariantChecks;
import dev.flashsale.sim.verify.Observations;
import dev.flashsale.sim.verify.Verification;
import java.util.Objects;
import org.jooq.DSLContext;

/**
 * Checks the design's four invariants for one run: against the database (every item, and the order rows of the run's
 * request ids) and against what was read from the results and dead-letter topics.
 *
 * <p>The item-level checks (no oversell, per-user limits) cover the whole database, since they hold whatever run sold
 * what. The per-request checks cover exactly the requests in the {@link Expectations}: those a run published, or
 * those found on the requests topic.
 */
public final class Verifier {

    /** Offending ids listed per check; the count is always complete. */
    public static final int DEFAULT_MAX_OFFENDERS = 10;

    private final DSLContext dsl;
    private final int maxOffenders;

    public Verifier(DSLContext dsl, int maxOffenders) {
        this.dsl = Objects.requireNonNull(dsl, "dsl");
        if (maxOffenders < 0) {
            throw new IllegalArgumentException("maxOffenders must not be negative, got " + maxOffenders);
        }
        this.maxOffenders = maxOffenders;
    }

    public Verification verify(Expectations expected, Observations observed) {
        DatabaseState db = DatabaseState.read(dsl, expected.requestIdPrefix());
        return InvariantChecks.evaluate(db, expected, observed, maxOffenders);
    }
}
