package dev.flashsale.stack.internal;

import java.util.concurrent.CountDownLatch;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import org.apache.kafka.common.utils.Time;

/**
 * Runs one Kafka node in a JVM of its own, for the parent that forked it: formats the log directory on first start,
 * starts the node, prints {@value #READY} on standard output once it serves, and shuts the node down on SIGTERM.
 */
public final class KafkaNodeMain {

    /** The line printed once the node serves clients. */
    public static final String READY = "flashsale-kafka-node-ready";

    /** System property naming the parent's pid; the node exits when that process is gone. */
    static final String PARENT_PID_PROPERTY = "flashsale.parent.pid";

    private KafkaNodeMain() {}

    /** Exits (running the shutdown hook) once the JVM that launched this node is gone. */
    private static void watchParent() {
        String parent = System.getProperty(PARENT_PID_PROPERTY);
        if (parent == null) {
            return;
        }
        ProcessHandle.of(Long.parseLong(parent))
                .ifPresentOrElse(handle -> handle.onExit().thenRun(() -> System.exit(0)), () -> System.exit(0));
    }

    public static void main(String[] args) throws InterruptedException {
        KafkaNodeSettings settings = KafkaNodeSettings.fromArgs(args);
        EmbeddedKafkaBroker.format(settings);
        KafkaRaftServer server = new KafkaRaftServer(KafkaConfig.fromProps(settings.properties(), false), Time.SYSTEM);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime()
                .addShutdownHook(new Thread(
                        () -> {
                            EmbeddedKafkaBroker.shutDown(server);
                            stopped.countDown();
                        },
                        "flashsale-kafka-node-shutdown"));
        watchParent();
        // returns once the broker has caught up with the metadata log and is unfenced
        server.startup();
        System.out.println(READY);
        System.out.flush();
        stopped.await();
    }
}
