package dev.flashsale.stack.internal;

import dev.flashsale.stack.LocalStackException;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Properties;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.utils.Time;
import org.apache.kafka.metadata.storage.Formatter;
import org.apache.kafka.server.common.MetadataVersion;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One Apache Kafka node in KRaft mode, broker and controller in the same process (this JVM), listening on
 * 127.0.0.1 only.
 *
 * <p>It is Kafka's own {@link KafkaRaftServer}, the class {@code kafka-server-start.sh} runs, after the log directory
 * is formatted with Kafka's storage {@link Formatter} as {@code kafka-storage.sh format} does. Settings are those of a
 * single-node development cluster: replication factor 1 for the internal topics (so transactions and consumer
 * groups work), no initial rebalance delay, small thread pools and a short retention.
 */
public final class EmbeddedKafkaBroker implements ManagedServer {
    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedKafkaBroker.class);

    private static final int NODE_ID = 1;
    private static final String BROKER_LISTENER = "PLAINTEXT";
    private static final String CONTROLLER_LISTENER = "CONTROLLER";

    /** Default partition count of topics created without one; the design's default parallelism. */
    public static final int DEFAULT_PARTITIONS = 12;

    // Internal topics only need a few partitions on a one-node development broker; fewer start faster.
    private static final int INTERNAL_TOPIC_PARTITIONS = 6;
    private static final long RETENTION_MS = 60L * 60 * 1000;
    private static final long SEGMENT_BYTES = 16L * 1024 * 1024;
    private static final long RETENTION_CHECK_INTERVAL_MS = 60L * 1000;
    private static final long CLEANER_DEDUPE_BUFFER_BYTES = 8L * 1024 * 1024;

    private final Path logDir;
    private final int brokerPort;
    private final int controllerPort;
    private final KafkaConfig config;
    private KafkaRaftServer server;

    private EmbeddedKafkaBroker(Path logDir, int brokerPort, int controllerPort) {
        this.logDir = logDir;
        this.brokerPort = brokerPort;
        this.controllerPort = controllerPort;
        this.config = KafkaConfig.fromProps(properties(), false);
    }

    /** Formats {@code logDir} and starts the node on free loopback ports. */
    public static EmbeddedKafkaBroker start(Path logDir) {
        long started = System.nanoTime();
        EmbeddedKafkaBroker broker = new EmbeddedKafkaBroker(logDir, FreePorts.next(), FreePorts.next());
        broker.format();
        broker.start();
        LOG.info(
                "Embedded Kafka {} (KRaft, broker+controller) started on {} in {} ms",
                MetadataVersion.LATEST_PRODUCTION.version(),
                broker.bootstrapServers(),
                Millis.since(started));
        return broker;
    }

    public String bootstrapServers() {
        return FreePorts.LOOPBACK + ":" + brokerPort;
    }

    private Properties properties() {
        Properties props = new Properties();
        props.put("process.roles", "broker,controller");
        props.put("node.id", Integer.toString(NODE_ID));
        props.put("controller.quorum.voters", NODE_ID + "@" + FreePorts.LOOPBACK + ":" + controllerPort);
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

        // one node: every internal topic must be satisfied by a single replica
        props.put("offsets.topic.replication.factor", "1");
        props.put("offsets.topic.num.partitions", Integer.toString(INTERNAL_TOPIC_PARTITIONS));
        props.put("transaction.state.log.replication.factor", "1");
        props.put("transaction.state.log.min.isr", "1");
        props.put("transaction.state.log.num.partitions", Integer.toString(INTERNAL_TOPIC_PARTITIONS));
        props.put("share.coordinator.state.topic.replication.factor", "1");
        props.put("share.coordinator.state.topic.min.isr", "1");
        props.put("default.replication.factor", "1");
        props.put("min.insync.replicas", "1");

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

    private void format() {
        ByteArrayOutputStream output = new ByteArrayOutputStream();
        try (PrintStream printStream = new PrintStream(output, true, StandardCharsets.UTF_8)) {
            new Formatter()
                    .setPrintStream(printStream)
                    .setClusterId(Uuid.randomUuid().toString())
                    .setNodeId(NODE_ID)
                    .setDirectories(List.of(logDir.toString()))
                    .setMetadataLogDirectory(logDir.toString())
                    .setControllerListenerName(CONTROLLER_LISTENER)
                    .setReleaseVersion(MetadataVersion.LATEST_PRODUCTION)
                    .run();
        } catch (Exception e) {
            throw new LocalStackException("cannot format the Kafka log directory " + logDir, e);
        }
        LOG.debug(
                "Kafka storage formatter: {}",
                output.toString(StandardCharsets.UTF_8).trim());
    }

    @Override
    public synchronized void start() {
        if (server != null) {
            return;
        }
        KafkaRaftServer candidate = new KafkaRaftServer(config, Time.SYSTEM);
        try {
            // returns once the broker has caught up with the metadata log and is unfenced
            candidate.startup();
        } catch (RuntimeException e) {
            shutDown(candidate);
            throw new LocalStackException("embedded Kafka broker on " + bootstrapServers() + " failed to start", e);
        }
        server = candidate;
    }

    @Override
    public synchronized void stop() {
        if (server == null) {
            return;
        }
        long started = System.nanoTime();
        shutDown(server);
        server = null;
        LOG.info("Embedded Kafka on {} stopped in {} ms", bootstrapServers(), Millis.since(started));
    }

    @Override
    public synchronized boolean isRunning() {
        return server != null;
    }

    @Override
    public void close() {
        stop();
    }

    private static void shutDown(KafkaRaftServer raftServer) {
        raftServer.shutdown();
        raftServer.awaitShutdown();
    }
}
