package dev.flashsale.demo.logging;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.core.filter.Filter;
import ch.qos.logback.core.spi.FilterReply;

/**
 * Drops one broker log event the demo would otherwise print by the dozen: {@code ReplicaManager} logging at ERROR an
 * {@code OutOfOrderSequenceException} for a transactional producer's batch that reached a partition before the
 * producer's first batch there in a new transaction ("transactions v2 ... with no existing state"). With Kafka 4's
 * transactions the broker refuses such a batch on purpose, the producer retries it in order, and nothing is lost or
 * reordered (KAFKA-18202); the demo's invariant checks would show it otherwise. Every other event passes.
 */
public final class RetriedSequenceFilter extends Filter<ILoggingEvent> {

    static final String LOGGER = "kafka.server.ReplicaManager";
    static final String EXCEPTION = "org.apache.kafka.common.errors.OutOfOrderSequenceException";
    static final String MESSAGE = "transactions v2 idempotent producer with no existing state";

    @Override
    public FilterReply decide(ILoggingEvent event) {
        IThrowableProxy thrown = event.getThrowableProxy();
        boolean retried = LOGGER.equals(event.getLoggerName())
                && thrown != null
                && EXCEPTION.equals(thrown.getClassName())
                && thrown.getMessage() != null
                && thrown.getMessage().contains(MESSAGE);
        return retried ? FilterReply.DENY : FilterReply.NEUTRAL;
    }
}
