package dev.flashsale.stack.internal;

import dev.flashsale.stack.FreePorts;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.server.common.MetadataVersion;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A Kafka cluster of one or more nodes in KRaft combined mode, each in a child JVM ({@link ForkedKafkaNode}). Nodes
 * start together, because a node of a multi-node cluster only finishes starting once a quorum of controllers is up.
 * Stopping and starting the cluster stops and starts every node; single nodes can be stopped, killed and started to
 * inject faults.
 */
public final class KafkaCluster implements ManagedServer {
    private static final Logger LOG = LoggerFactory.getLogger(KafkaCluster.class);

    private final List<ForkedKafkaNode> nodes;

    private KafkaCluster(List<ForkedKafkaNode> nodes) {
        this.nodes = List.copyOf(nodes);
    }

    /** Formats and starts {@code size} nodes on free loopback ports, with their data under {@code directory}. */
    public static KafkaCluster start(Path directory, int size) {
        long started = System.nanoTime();
        String clusterId = Uuid.randomUuid().toString();
        List<Integer> brokerPorts = new ArrayList<>();
        List<Integer> controllerPorts = new ArrayList<>();
        List<String> voters = new ArrayList<>();
        for (int id = 1; id <= size; id++) {
            brokerPorts.add(FreePorts.next());
            controllerPorts.add(FreePorts.next());
            voters.add(KafkaNodeSettings.voter(id, controllerPorts.get(id - 1)));
        }
        List<ForkedKafkaNode> nodes = new ArrayList<>();
        for (int id = 1; id <= size; id++) {
            nodes.add(new ForkedKafkaNode(new KafkaNodeSettings(
                    id,
                    brokerPorts.get(id - 1),
                    controllerPorts.get(id - 1),
                    directory.resolve("node-" + id),
                    clusterId,
                    voters)));
        }
        KafkaCluster cluster = new KafkaCluster(nodes);
        try {
            cluster.start();
        } catch (RuntimeException e) {
            cluster.close();
            throw e;
        }
        LOG.info(
                "Kafka {} cluster of {} node(s), each in its own JVM, started on {} in {} ms",
                MetadataVersion.LATEST_PRODUCTION.version(),
                size,
                cluster.bootstrapServers(),
                Millis.since(started));
        return cluster;
    }

    public String bootstrapServers() {
        return nodes.stream().map(node -> node.settings().bootstrapServer()).collect(Collectors.joining(","));
    }

    public List<ForkedKafkaNode> nodes() {
        return nodes;
    }

    public ForkedKafkaNode node(int index) {
        if (index < 0 || index >= nodes.size()) {
            throw new IllegalArgumentException(
                    "node index must be between 0 and " + (nodes.size() - 1) + ", got " + index);
        }
        return nodes.get(index);
    }

    /** Starts every stopped node at once, then waits until each serves. */
    @Override
    public void start() {
        List<ForkedKafkaNode> starting =
                nodes.stream().filter(node -> !node.isRunning()).toList();
        starting.forEach(ForkedKafkaNode::launch);
        for (ForkedKafkaNode node : starting) {
            node.awaitReady();
        }
    }

    /**
     * Stops every node at once with SIGTERM. A node shutting down in order waits for the controller quorum, which
     * leaves with the other nodes, so each gets a short grace before it is killed.
     */
    @Override
    public void stop() {
        nodes.forEach(ForkedKafkaNode::signalStop);
        for (ForkedKafkaNode node : nodes) {
            node.awaitExit(nodes.size() == 1 ? ForkedKafkaNode.STOP_TIMEOUT : CLUSTER_STOP_GRACE);
        }
    }

    /** How long each node of a cluster stopping as a whole may take to shut down in order. */
    static final java.time.Duration CLUSTER_STOP_GRACE = java.time.Duration.ofSeconds(10);

    @Override
    public boolean isRunning() {
        return nodes.stream().anyMatch(ForkedKafkaNode::isRunning);
    }

    @Override
    public void close() {
        stop();
    }
}
