package dev.flashsale.stack.internal;

import dev.flashsale.stack.FreePorts;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Properties;
import java.util.stream.Collectors;

/**
 * One Apache Kafka node of a development cluster in KRaft combined mode (broker and controller in one process),
 * listening on 127.0.0.1 only. With one node, every internal topic has one replica; with three, replication factor 3
 * and {@code min.insync.replicas=2}, so that one node can die without losing a committed record or stopping writes.
 *
 * @param nodeId this node's id, from 1
 * @param brokerPort the client listener's port
 * @param controllerPort the controller listener's port
 * @param logDir the node's data (formatted once, kept across restarts)
 * @param clusterId the id every node of the cluster is formatted with
 * @param voters every node of the cluster, {@code id@host:controllerPort}, the controller quorum
 */
public record KafkaNodeSettings(
        int nodeId, int brokerPort, int controllerPort, Path logDir, String clusterId, List<String> voters) {

    static final String BROKER_LISTENER = "PLAINTEXT";
    static final String CONTROLLER_LISTENER = "CONTROLLER";

    /** Default partition count of topics created without one; the design's default parallelism. */
    public static final int DEFAULT_PARTITIONS = 12;

    // Internal topics only need a few partitions on a development cluster; fewer start faster.
    private static final int INTERNAL_TOPIC_PARTITIONS = 6;
    private static final long RETENTION_MS = 60L * 60 * 1000;
    private static final long SEGMENT_BYTES = 16L * 1024 * 1024;
    private static final long RETENTION_CHECK_INTERVAL_MS = 60L * 1000;
    private static final long CLEANER_DEDUPE_BUFFER_BYTES = 8L * 1024 * 1024;

    public KafkaNodeSettings {
        Objects.requireNonNull(logDir, "logDir");
        Objects.requireNonNull(clusterId, "clusterId");
        voters = List.copyOf(voters);
    }

    /** The voter entry of a node, as {@code controller.quorum.voters} lists it. */
    static String voter(int nodeId, int controllerPort) {
        return nodeId + "@" + FreePorts.LOOPBACK + ":" + controllerPort;
    }

    public String bootstrapServer() {
        return FreePorts.LOOPBACK + ":" + brokerPort;
    }

    /** How many copies of each partition the cluster keeps: every node, up to three. */
    public int replicationFactor() {
        return Math.min(3, voters.size());
    }

    /** Writes with {@code acks=all} need this many copies: a majority once there are three. */
    public int minInsyncReplicas() {
        return replicationFactor() >= 3 ? 2 : 1;
    }

    Properties properties() {
        Properties props = new Properties();
        props.put("process.roles", "broker,controller");
        props.put("node.id", Integer.toString(nodeId));
        props.put("controller.quorum.voters", String.join(",", voters));
        props.put(
                "listeners",
                BROKER_LISTENER + "://" + FreePorts.LOOPBACK + ":" + brokerPort + "," + CONTROLLER_LISTENER + "://"
                        + FreePorts.LOOPBACK + ":" + controllerPort);
        props.put("advertised.listeners", BROKER_LISTENER + "://" + FreePorts.LOOPBACK + ":" + brokerPort);
        props.put("controller.listener.names", CONTROLLER_LISTENER);
        props.put("inter.broker.listener.name", BROKER_LISTENER);
        props.put(
                "listener.security.protocol.map", BROKER_LISTENER + ":PLAINTEXT," + CONTROLLER_LISTENER + ":PLAINTEXT");
        props.put("log.dirs", logDir.toString());

        String replicas = Integer.toString(replicationFactor());
        String minIsr = Integer.toString(minInsyncReplicas());
        props.put("offsets.topic.replication.factor", replicas);
        props.put("offsets.topic.num.partitions", Integer.toString(INTERNAL_TOPIC_PARTITIONS));
        props.put("transaction.state.log.replication.factor", replicas);
        props.put("transaction.state.log.min.isr", minIsr);
        props.put("transaction.state.log.num.partitions", Integer.toString(INTERNAL_TOPIC_PARTITIONS));
        props.put("share.coordinator.state.topic.replication.factor", replicas);
        props.put("share.coordinator.state.topic.min.isr", minIsr);
        props.put("default.replication.factor", replicas);
        props.put("min.insync.replicas", minIsr);

        props.put("add.partitions.to.txn.retry.backoff.ms", "2");
        props.put("num.partitions", Integer.toString(DEFAULT_PARTITIONS));
        props.put("group.initial.rebalance.delay.ms", "0");
        props.put("auto.create.topics.enable", "true");

        // keep the disk and heap footprint of a development broker small
        props.put("log.retention.ms", Long.toString(RETENTION_MS));
        props.put("log.segment.bytes", Long.toString(SEGMENT_BYTES));
        props.put("log.retention.check.interval.ms", Long.toString(RETENTION_CHECK_INTERVAL_MS));
        props.put("log.cleaner.dedupe.buffer.size", Long.toString(CLEANER_DEDUPE_BUFFER_BYTES));

        // a two-core machine: no need for Kafka's server-sized thread pools
        props.put("num.network.threads", "2");
        props.put("num.io.threads", "2");
        props.put("background.threads", "2");
        props.put("num.recovery.threads.per.data.dir", "1");
        props.put("num.replica.fetchers", "1");
        return props;
    }

    /** The settings as command-line arguments of {@link KafkaNodeMain}. */
    List<String> toArgs() {
        return List.of(
                Integer.toString(nodeId),
                Integer.toString(brokerPort),
                Integer.toString(controllerPort),
                logDir.toString(),
                clusterId,
                String.join(",", voters));
    }

    static KafkaNodeSettings fromArgs(String[] args) {
        if (args.length != 6) {
            throw new IllegalArgumentException(
                    "expected: nodeId brokerPort controllerPort logDir clusterId voters, got " + List.of(args));
        }
        return new KafkaNodeSettings(
                Integer.parseInt(args[0]),
                Integer.parseInt(args[1]),
                Integer.parseInt(args[2]),
                Path.of(args[3]),
                args[4],
                List.of(args[5].split(",")));
    }

    @Override
    public String toString() {
        return "node " + nodeId + " on " + bootstrapServer() + " (controller port " + controllerPort + ", voters "
                + voters.stream().collect(Collectors.joining(",")) + ")";
    }
}
