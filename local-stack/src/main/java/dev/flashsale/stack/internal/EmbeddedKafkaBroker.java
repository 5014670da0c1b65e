package dev.flashsale.stack.internal;

import dev.flashsale.stack.FreePorts;
import dev.flashsale.stack.LocalStackException;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.BindException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.IntSupplier;
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
 * is formatted with Kafka's storage {@link Formatter} as {@code kafka-storage.sh format} does. {@link KafkaNodeMain}
 * runs the same node in a JVM of its own.
 */
public final class EmbeddedKafkaBroker implements ManagedServer {
    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedKafkaBroker.class);

    /** Default partition count of topics created without one; the design's default parallelism. */
    public static final int DEFAULT_PARTITIONS = KafkaNodeSettings.DEFAULT_PARTITIONS;

    private final KafkaNodeSettings settings;
    private final KafkaConfig config;
    private KafkaRaftServer server;

    EmbeddedKafkaBroker(KafkaNodeSettings settings) {
        this.settings = settings;
        this.config = KafkaConfig.fromProps(settings.properties(), false);
    }

    /**
     * Formats {@code logDir} and starts a one-node cluster in this JVM on free loopback ports. The ports are chosen a
     * few seconds before the node binds them; should something take one in between, the node is started again on
     * fresh ports rather than failing the stack.
     */
    public static EmbeddedKafkaBroker start(Path logDir) {
        return start(logDir, FreePorts::next);
    }

    /** As {@link #start(Path)}, with ports drawn from {@code ports}: a seam for the test of the retry. */
    static EmbeddedKafkaBroker start(Path logDir, IntSupplier ports) {
        long started = System.nanoTime();
        String clusterId = Uuid.randomUuid().toString();
        for (int attempt = 1; ; attempt++) {
            int controllerPort = ports.getAsInt();
            KafkaNodeSettings settings = new KafkaNodeSettings(
                    1,
                    ports.getAsInt(),
                    controllerPort,
                    logDir,
                    clusterId,
                    List.of(KafkaNodeSettings.voter(1, controllerPort)));
            EmbeddedKafkaBroker broker = new EmbeddedKafkaBroker(settings);
            format(settings);
            try {
                broker.start();
            } catch (LocalStackException e) {
                if (attempt >= BIND_ATTEMPTS || !portTaken(e)) {
                    throw e;
                }
                LOG.warn(
                        "Embedded Kafka could not bind {} or {}; trying fresh ports",
                        settings.bootstrapServer(),
                        controllerPort);
                continue;
            }
            LOG.info(
                    "Embedded Kafka {} (KRaft, broker+controller) started on {} in {} ms",
                    MetadataVersion.LATEST_PRODUCTION.version(),
                    broker.bootstrapServers(),
                    Millis.since(started));
            return broker;
        }
    }

    /** How many sets of ports a first start tries before it gives up. */
    static final int BIND_ATTEMPTS = 3;

    /** Whether {@code failure} was a port that something else had bound. */
    static boolean portTaken(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof BindException) {
                return true;
            }
        }
        return false;
    }

    public String bootstrapServers() {
        return settings.bootstrapServer();
    }

    /** Formats the node's log directory unless it already is. */
    static void format(KafkaNodeSettings settings) {
        if (Files.exists(settings.logDir().resolve("meta.properties"))) {
            return;
        }
        ByteArrayOutputStream output = new ByteArrayOutputStream();
        try (PrintStream printStream = new PrintStream(output, true, StandardCharsets.UTF_8)) {
            new Formatter()
                    .setPrintStream(printStream)
                    .setClusterId(settings.clusterId())
                    .setNodeId(settings.nodeId())
                    .setDirectories(List.of(settings.logDir().toString()))
                    .setMetadataLogDirectory(settings.logDir().toString())
                    .setControllerListenerName(KafkaNodeSettings.CONTROLLER_LISTENER)
                    .setReleaseVersion(MetadataVersion.LATEST_PRODUCTION)
                    .run();
        } catch (Exception e) {
            throw new LocalStackException("cannot format the Kafka log directory " + settings.logDir(), e);
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

    static void shutDown(KafkaRaftServer raftServer) {
        raftServer.shutdown();
        raftServer.awaitShutdown();
    }
}
