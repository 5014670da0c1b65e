package dev.flashsale.stack;

import dev.flashsale.stack.internal.Databases;
import dev.flashsale.stack.internal.ForkedKafkaNode;
import dev.flashsale.stack.internal.KafkaCluster;
import dev.flashsale.stack.internal.KafkaTopics;
import dev.flashsale.stack.internal.ManagedServer;
import dev.flashsale.stack.internal.StackLauncher;
import dev.flashsale.stack.internal.StackSettings;
import dev.flashsale.stack.internal.StartedStack;
import dev.flashsale.stack.internal.UniqueNames;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Kafka, PostgreSQL and Redis for tests and the demo, from the first source that applies, decided per service:
 *
 * <ol>
 *   <li>a server named by an environment variable: {@code FLASHSALE_KAFKA_BOOTSTRAP_SERVERS}, {@code
 *       FLASHSALE_DB_URL} (with {@code FLASHSALE_DB_USER} and {@code FLASHSALE_DB_PASSWORD}), {@code
 *       FLASHSALE_REDIS_URL};
 *   <li>otherwise, with {@link StackMode#EMBEDDED} (the default), a server started in or beside this JVM: a KRaft
 *       Kafka broker in-process, PostgreSQL and Redis as child processes, all on free ports of 127.0.0.1;
 *   <li>with {@link StackMode#CONTAINERS} ({@code FLASHSALE_STACK=containers}), a Docker container started by
 *       Testcontainers.
 * </ol>
 *
 * <p>Tests use {@link #shared()}: one stack per JVM, started on first use and stopped by a shutdown hook. Each test
 * isolates itself with {@link #newDatabase}, {@link #createTopic} and {@link #uniqueName}. A stack of one's own from
 * {@link #start()} must be closed; closing stops the servers in reverse start order and deletes their files.
 *
 * <p>Embedded servers can be stopped and started again at the same address with the same data ({@link
 * #stopPostgres()} and so on), for fault-injection tests. Thread-safe.
 */
public final class LocalStack implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(LocalStack.class);

    /** Partitions of topics created by {@link #createTopics(String...)}, as in the design's default. */
    public static final int DEFAULT_PARTITIONS = 12;

    private static final Object SHARED_LOCK = new Object();
    private static LocalStack sharedStack;
    private static RuntimeException sharedFailure;

    private final StackMode mode;
    private final StackOptions options;
    private final StartedStack stack;
    private final boolean shared;
    private final Thread shutdownHook;
    private final Object lock = new Object();
    private KafkaTopics topics;
    private boolean closed;

    private LocalStack(StackMode mode, StackOptions options, StartedStack stack, boolean shared) {
        this.mode = mode;
        this.options = options;
        this.stack = stack;
        this.shared = shared;
        // embedded PostgreSQL and Redis are child processes: they would outlive a JVM that exits without close()
        this.shutdownHook = new Thread(this::closeNow, "flashsale-local-stack-shutdown");
        Runtime.getRuntime().addShutdownHook(shutdownHook);
    }

    /** Starts a stack in the mode chosen by {@code flashsale.stack} / {@code FLASHSALE_STACK}. */
    public static LocalStack start() {
        return start(StackMode.fromEnvironment());
    }

    /**
     * Starts a stack; servers named by {@code FLASHSALE_*} variables are used as they are, the others are provided
     * as {@code mode} says. Returns once every server accepts connections.
     *
     * @throws LocalStackException when a server cannot be started (those already started are stopped again)
     * @throws IllegalArgumentException when a {@code FLASHSALE_*} variable has a bad value
     */
    public static LocalStack start(StackMode mode) {
        return launch(Objects.requireNonNull(mode, "mode"), StackOptions.defaults(), false);
    }

    /**
     * Starts a stack in the mode from the environment, with an embedded Kafka run as {@code options} say (see {@link
     * #start(StackMode)}).
     */
    public static LocalStack start(StackOptions options) {
        return launch(StackMode.fromEnvironment(), Objects.requireNonNull(options, "options"), false);
    }

    private static LocalStack launch(StackMode mode, StackOptions options, boolean shared) {
        StackSettings settings = StackSettings.fromEnvironment(mode);
        return new LocalStack(mode, options, StackLauncher.launch(settings, options), shared);
    }

    /**
     * The stack of this JVM, started on the first call in the mode from the environment, and stopped by a JVM
     * shutdown hook. {@link #close()} on it does nothing, so tests may use it in try-with-resources. When the start
     * fails, every later call fails at once with the same cause instead of trying again.
     */
    public static LocalStack shared() {
        synchronized (SHARED_LOCK) {
            if (sharedStack != null) {
                return sharedStack;
            }
            if (sharedFailure != null) {
                throw new LocalStackException("the shared local stack failed to start earlier", sharedFailure);
            }
            try {
                sharedStack = launch(StackMode.fromEnvironment(), StackOptions.defaults(), true);
                return sharedStack;
            } catch (RuntimeException e) {
                sharedFailure = e;
                throw e;
            }
        }
    }

    /** Where the servers are. The same for the stack's whole life, across stop/start of its servers. */
    public Endpoints endpoints() {
        return stack.endpoints();
    }

    /** The mode the stack was started in. */
    public StackMode mode() {
        return mode;
    }

    /** Where {@code service} comes from; only {@link Origin#EMBEDDED} servers can be stopped and started. */
    public Origin origin(Service service) {
        return stack.service(Objects.requireNonNull(service, "service")).origin();
    }

    /**
     * A name for a topic, consumer group, database or key that nothing else uses: {@code prefix} made safe ({@code
     * [a-z0-9_]}, at most 40 characters), a random per-JVM token and a counter.
     */
    public static String uniqueName(String prefix) {
        return UniqueNames.next(Objects.requireNonNull(prefix, "prefix"));
    }

    /**
     * Creates a fresh database named {@link #uniqueName(String) uniqueName(prefix)} on the stack's PostgreSQL
     * server and returns its JDBC URL; connect with {@link Endpoints#dbUser()} and {@link Endpoints#dbPassword()}.
     * On a server named by {@code FLASHSALE_DB_URL} the user needs the {@code CREATEDB} privilege, and the database
     * is left there when the stack closes.
     */
    public String newDatabase(String prefix) {
        ensureOpen();
        return Databases.create(endpoints(), uniqueName(prefix));
    }

    /**
     * Copies of each partition of the topics this stack creates: one, or three on an embedded three-node cluster.
     */
    public int replicationFactor() {
        return origin(Service.KAFKA) == Origin.EMBEDDED ? Math.min(3, options.kafkaNodes()) : 1;
    }

    /**
     * Creates a topic with {@code partitions} partitions and {@link #replicationFactor()} replicas, and returns once
     * every partition has a leader.
     */
    public void createTopic(String name, int partitions) {
        if (partitions < 1) {
            throw new IllegalArgumentException("partitions must be at least 1, got " + partitions);
        }
        topics().create(Map.of(Objects.requireNonNull(name, "name"), partitions));
    }

    /** Creates topics with {@value #DEFAULT_PARTITIONS} partitions each; see {@link #createTopic}. */
    public void createTopics(String... names) {
        Map<String, Integer> partitionsByTopic = new LinkedHashMap<>();
        Arrays.stream(names).forEach(name -> partitionsByTopic.put(name, DEFAULT_PARTITIONS));
        if (!partitionsByTopic.isEmpty()) {
            topics().create(partitionsByTopic);
        }
    }

    private KafkaTopics topics() {
        synchronized (lock) {
            ensureOpen();
            if (topics == null) {
                topics = new KafkaTopics(endpoints().kafkaBootstrapServers(), replicationFactor());
            }
            return topics;
        }
    }

    /**
     * Stops the embedded Kafka broker; its port and data stay, and clients reconnect after {@link #startKafka()}.
     *
     * @throws IllegalStateException when Kafka is not embedded
     */
    public void stopKafka() {
        managed(Service.KAFKA).stop();
    }

    /** Starts the embedded Kafka broker again on the same port with the same data. */
    public void startKafka() {
        managed(Service.KAFKA).start();
    }

    /** Nodes of the embedded Kafka cluster; 1 unless the stack was started with three. */
    public int kafkaNodes() {
        return options.kafkaNodes();
    }

    /**
     * Stops one node of an embedded Kafka run in its own process: with SIGTERM (a controlled shutdown) or, when
     * {@code kill} is set, with SIGKILL. Port and data stay.
     *
     * @param node from 0
     * @throws IllegalStateException when Kafka does not run in processes of its own
     */
    public void stopKafkaNode(int node, boolean kill) {
        ForkedKafkaNode forked = cluster().node(node);
        if (kill) {
            forked.kill();
        } else {
            forked.stop();
        }
    }

    /** Starts a stopped node of the embedded Kafka cluster again, with its port and data; waits until it serves. */
    public void startKafkaNode(int node) {
        cluster().node(node).start();
    }

    /**
     * The process id of each node of an embedded Kafka run in processes of its own (empty for a node that is down);
     * empty when Kafka runs in this JVM or elsewhere.
     */
    public List<OptionalLong> kafkaNodePids() {
        if (!options.kafkaInOwnProcess() || origin(Service.KAFKA) != Origin.EMBEDDED) {
            return List.of();
        }
        return cluster().nodes().stream().map(ForkedKafkaNode::pid).toList();
    }

    private KafkaCluster cluster() {
        ManagedServer kafka = managed(Service.KAFKA);
        if (kafka instanceof KafkaCluster cluster) {
            return cluster;
        }
        throw new IllegalStateException("single Kafka nodes can only be stopped when Kafka runs in processes of its"
                + " own (StackOptions.separateKafkaProcess or threeKafkaNodes)");
    }

    /**
     * Stops embedded PostgreSQL (fast shutdown: open connections are cut); port and data stay.
     *
     * @throws IllegalStateException when PostgreSQL is not embedded
     */
    public void stopPostgres() {
        managed(Service.POSTGRES).stop();
    }

    /** Starts embedded PostgreSQL again on the same port with the same data, so JDBC URLs stay valid. */
    public void startPostgres() {
        managed(Service.POSTGRES).start();
    }

    /**
     * Stops embedded Redis; the port stays, the keys are lost (it runs without persistence).
     *
     * @throws IllegalStateException when Redis is not embedded
     */
    public void stopRedis() {
        managed(Service.REDIS).stop();
    }

    /** Starts embedded Redis again, empty, on the same port. */
    public void startRedis() {
        managed(Service.REDIS).start();
    }

    private ManagedServer managed(Service service) {
        ensureOpen();
        return stack.service(service).managed();
    }

    private void ensureOpen() {
        synchronized (lock) {
            if (closed) {
                throw new IllegalStateException("the local stack is closed");
            }
        }
    }

    /**
     * Stops the servers the stack started, in reverse start order, and deletes their files. Does nothing on the
     * {@link #shared()} stack, which a shutdown hook closes.
     */
    @Override
    public void close() {
        if (shared) {
            LOG.debug("close() ignored on the shared local stack; a shutdown hook stops it");
            return;
        }
        closeNow();
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException e) {
            // the JVM is already shutting down; the hook is running or has run
        }
    }

    private void closeNow() {
        KafkaTopics admin;
        synchronized (lock) {
            if (closed) {
                return;
            }
            closed = true;
            admin = topics;
        }
        if (admin != null) {
            admin.close();
        }
        stack.close();
        LOG.info("Local stack stopped");
    }
}
