package dev.flashsale.demo.logging;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.LoggingEvent;
import ch.qos.logback.core.spi.FilterReply;
import org.apache.kafka.common.errors.OutOfOrderSequenceException;
import org.junit.jupiter.api.Test;

class RetriedSequenceFilterTest {

    private final LoggerContext context = new LoggerContext();
    private final RetriedSequenceFilter filter = new RetriedSequenceFilter();

    private LoggingEvent event(String logger, Throwable thrown) {
        return new LoggingEvent(
                "x", context.getLogger(logger), Level.ERROR, "Error processing append operation", thrown, null);
    }

    @Test
    void dropsOnlyTheRetriedFirstSequenceOfATransaction() {
        OutOfOrderSequenceException retried = new OutOfOrderSequenceException("Invalid sequence number for producer 14"
                + " at offset 274 in partition p-9: 1 (incoming seq. number). Expected sequence 0 for transactions v2"
                + " idempotent producer with no existing state.");
        assertThat(filter.decide(event(RetriedSequenceFilter.LOGGER, retried))).isEqualTo(FilterReply.DENY);
    }

    @Test
    void letsEverythingElseThrough() {
        OutOfOrderSequenceException other =
                new OutOfOrderSequenceException("Out of order sequence number for producer 1: 51, 49");
        assertThat(filter.decide(event(RetriedSequenceFilter.LOGGER, other))).isEqualTo(FilterReply.NEUTRAL);
        assertThat(filter.decide(event(RetriedSequenceFilter.LOGGER, new IllegalStateException("disk full"))))
                .isEqualTo(FilterReply.NEUTRAL);
        assertThat(filter.decide(event("kafka.server.KafkaApis", null))).isEqualTo(FilterReply.NEUTRAL);
    }
}
