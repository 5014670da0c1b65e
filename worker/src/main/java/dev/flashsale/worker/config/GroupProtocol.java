package dev.flashsale.worker.config;

import java.util.Locale;
import java.util.Set;

/**
 * How the worker's consumers share the partitions (Kafka's {@code group.protocol}).
 *
 * <p>The classic protocol is the default, with cooperative-sticky assignment (survivors keep their partitions through
 * a rebalance) and static membership (each consumer is named after its worker id, and a replacement with the same id
 * takes the partitions back without a rebalance). The consumer protocol of KIP-848 rebalances incrementally too, but
 * it refuses a new member whose instance id is still held by a member that has not left (one killed with {@code kill
 * -9}) until the old member's session expires, and that session timeout is a broker-side setting of at least 45 s
 * by default. A killed worker's replacement then waits that long, where the classic protocol lets it in at once; the
 * chaos command measures both.
 */
public enum GroupProtocol {
    CLASSIC,
    /** KIP-848's protocol, for comparison; the session timeout is then the broker's, not {@code --session-timeout}. */
    CONSUMER;

    /**
     * Consumer settings the classic protocol takes from the client and the consumer protocol from the broker; a
     * consumer of the consumer protocol refuses to start with any of them.
     */
    public static final Set<String> CLASSIC_ONLY_SETTINGS =
            Set.of("session.timeout.ms", "heartbeat.interval.ms", "partition.assignment.strategy");

    /** The value of the consumer's {@code group.protocol} setting. */
    public String kafkaName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static GroupProtocol parse(String value) {
        for (GroupProtocol protocol : values()) {
            if (protocol.kafkaName().equalsIgnoreCase(value == null ? "" : value.trim())) {
                return protocol;
            }
        }
        throw new IllegalArgumentException("groupProtocol must be classic or consumer, got '" + value + "'");
    }
}
