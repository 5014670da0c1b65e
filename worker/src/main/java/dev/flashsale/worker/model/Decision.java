package dev.flashsale.worker.model;

import dev.flashsale.schema.event.Reason;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Objects;
import java.util.UUID;

/** What a strategy decided for one request. Every path through a strategy ends in exactly one of these. */
public sealed interface Decision {

    /**
     * The stock was taken and the order row written, in the same database transaction.
     *
     * @param orderId the new order's id
     * @param decidedAt the {@code decided_at} written with the order, to the microsecond
     */
    record Purchased(UUID orderId, Instant decidedAt) implements Decision {
        public Purchased {
            Objects.requireNonNull(orderId, "orderId");
            Objects.requireNonNull(decidedAt, "decidedAt");
        }
    }

    /**
     * Nothing was taken, for a business reason (the reason's status says REJECTED or FAILED). Nothing is written yet:
     * the caller records every refusal of a poll in one statement, after the strategy let go of its locks.
     */
    record Refused(Reason reason) implements Decision {
        public Refused {
            Objects.requireNonNull(reason, "reason");
        }
    }

    /**
     * Another worker recorded a decision for this request id while this one was deciding it (a rebalance left two
     * consumers on the same record for a moment). This worker's attempt was rolled back; the stored decision stands.
     */
    record DecidedElsewhere() implements Decision {}

    static Decision refused(Reason reason) {
        return new Refused(reason);
    }

    /**
     * A purchase about to be attempted: a fresh order id and the decision time, both fixed before any lock is taken.
     * The time is cut to microseconds, as PostgreSQL stores it, so a result built from it equals one read back.
     */
    static Purchased purchase(Clock clock) {
        return new Purchased(UUID.randomUUID(), Instant.now(clock).truncatedTo(ChronoUnit.MICROS));
    }
}
