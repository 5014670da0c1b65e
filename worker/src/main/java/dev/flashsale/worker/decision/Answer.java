package dev.flashsale.worker.decision;

import dev.flashsale.schema.event.PurchaseResult;
import java.util.Objects;

/**
 * The result to publish for one {@link Incoming}.
 *
 * @param result the result, built from the stored order row (or, for a reused request id, from the request alone)
 * @param republished whether the decision was found stored rather than taken now (a redelivery)
 */
public record Answer(PurchaseResult result, boolean republished) {
    public Answer {
        Objects.requireNonNull(result, "result");
    }
}
