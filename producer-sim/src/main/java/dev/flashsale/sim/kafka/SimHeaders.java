package dev.flashsale.sim.kafka;

import java.nio.charset.StandardCharsets;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;

/**
 * Header names on request and dead-letter records. The simulator stamps its run and sequence number on each request
 * (workers copy a request's headers onto its dead letter); the {@code flashsale.source.*} headers are the workers'
 * dead-letter contract.
 */
public final class SimHeaders {

    /** The run id of the simulator run that sent the record. */
    public static final String SIM_RUN = "flashsale.sim.run";

    /** The record's sequence number within its run. */
    public static final String SIM_SEQ = "flashsale.sim.seq";

    /** On a dead letter: the topic, partition and offset of the record it copies. */
    public static final String SOURCE_TOPIC = "flashsale.source.topic";

    public static final String SOURCE_PARTITION = "flashsale.source.partition";
    public static final String SOURCE_OFFSET = "flashsale.source.offset";

    private SimHeaders() {}

    /** The last value of header {@code name} as UTF-8 text, or null when absent. */
    public static String text(Headers headers, String name) {
        Header header = headers.lastHeader(name);
        return header == null || header.value() == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    static byte[] utf8(String value) {
        return value.getBytes(StandardCharsets.UTF_8);
    }
}
