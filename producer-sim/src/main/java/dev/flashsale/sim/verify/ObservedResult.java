package dev.flashsale.sim.verify;

import dev.flashsale.schema.event.PurchaseResult;
import java.util.Objects;

/**
 * A result as read from the results topic.
 *
 * @param result the decoded value
 * @param timestampMs the record's Kafka timestamp: when the worker's producer sent it, in epoch milliseconds
 */
public record ObservedResult(PurchaseResult result, long timestampMs) {
    public ObservedResult {
        Objects.requireNonNull(result, "result");
    }
}
