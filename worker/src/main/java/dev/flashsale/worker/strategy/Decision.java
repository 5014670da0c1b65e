package dev.flashsale.worker.strategy;

import dev.flashsale.schema.event.Reason;
import java.util.Objects;
import java.util.UUID;

/** What a strategy decided for one request. Every path through a strategy ends in exactly one of these. */
public sealed interface Decision {

    /** The stock was taken; the order exists under this id. */
    record Purchased(UUID orderId) implements Decision {
        public Purchased {
            Objects.requireNonNull(orderId, "orderId");
        }
    }

    /** Nothing was taken, for a business reason (the reason's status says REJECTED or FAILED). */
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

    static Decision purchased() {
        return new Purchased(UUID.randomUUID());
    }

    static Decision refused(Reason reason) {
        return new Refused(reason);
    }
}
