package dev.flashsale.stack;

/**
 * How a {@link LocalStack} runs the Kafka it embeds (a Kafka named by {@code FLASHSALE_KAFKA_BOOTSTRAP_SERVERS} is used
 * as it is).
 *
 * @param kafkaNodes nodes of the embedded cluster: 1, or 3 for a replicated cluster (replication factor 3, {@code
 *     min.insync.replicas=2}) of which one node may die
 * @param kafkaInOwnProcess whether the nodes run in child JVMs rather than in this one: they can then be killed with
 *     SIGKILL and their CPU time measured on its own. Always true for more than one node.
 */
public record StackOptions(int kafkaNodes, boolean kafkaInOwnProcess) {

    public StackOptions {
        if (kafkaNodes != 1 && kafkaNodes != 3) {
            throw new IllegalArgumentException("kafkaNodes must be 1 or 3, got " + kafkaNodes);
        }
        kafkaInOwnProcess = kafkaInOwnProcess || kafkaNodes > 1;
    }

    /** One Kafka node in this JVM: the quickest to start, what the tests use. */
    public static StackOptions defaults() {
        return new StackOptions(1, false);
    }

    /** One Kafka node in a JVM of its own. */
    public static StackOptions separateKafkaProcess() {
        return new StackOptions(1, true);
    }

    /** Three Kafka nodes, each in a JVM of its own. */
    public static StackOptions threeKafkaNodes() {
        return new StackOptions(3, true);
    }
}
