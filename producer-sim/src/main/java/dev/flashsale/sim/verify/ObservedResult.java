package dev.flashsale.sim.verify;

import dev.flashsale.schema.event.PurchaseResult;
import java.util.Objects;

/**
 * A result as read from the results topic.
 *
 * @param result the decoded value
 * @param timestampMs when the result was seen, in epoch milliseconds: during a run, when the simulator's {@code
 *     read_committed} reader received it (so, once its transaction had committed); read after the fact, the record's
 *     Kafka timestamp (when the worker's producer sent it)
 */
public record ObservedResult(PurchaseResult result, long timestampMs) {
    public ObservedResult {
        Objects.requireNonNull(result, "result");
    }
}
