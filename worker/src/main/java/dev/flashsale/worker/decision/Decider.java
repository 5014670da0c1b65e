package dev.flashsale.worker.decision;

import java.util.List;

/**
 * Answers a poll's worth of requests: one answer per incoming record, in the same order. The consume loop hands every
 * poll to one of these and publishes what comes back; it knows nothing of databases or locks.
 *
 * <p>Failures are thrown as {@link dev.flashsale.worker.model.Unavailable} or {@link
 * dev.flashsale.worker.model.IntegrityViolation}; the loop then publishes nothing for the poll and retries it later.
 */
@FunctionalInterface
public interface Decider {

    List<Answer> decide(List<Incoming> polled);
}
