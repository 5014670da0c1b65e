package dev.flashsale.stack.internal;

import dev.flashsale.stack.LocalStackException;
import org.apache.kafka.common.utils.AppInfoParser;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.wait.strategy.Wait;
import org.testcontainers.kafka.KafkaContainer;
import org.testcontainers.postgresql.PostgreSQLContainer;
import org.testcontainers.utility.DockerImageName;

/**
 * Starts the servers as Docker containers with Testcontainers, for {@code FLASHSALE_STACK=containers}.
 *
 * <p>Images are pinned. The Kafka image has the same version as the Kafka client jars on the classpath (the parent
 * POM's {@code kafka.version}), so broker and clients never drift apart.
 */
public final class ContainerServers {
    private static final Logger LOG = LoggerFactory.getLogger(ContainerServers.class);

    public static final String KAFKA_IMAGE = "apache/kafka:" + AppInfoParser.getVersion();
    public static final String POSTGRES_IMAGE = "postgres:17.6";
    public static final String REDIS_IMAGE = "redis:6.2.17";

    private static final int REDIS_PORT = 6379;
    private static final String DATABASE = "flashsale";
    private static final String USER = "flashsale";
    // a throw-away container reachable from this machine only; not a secret
    private static final String PASSWORD = "flashsale";

    private ContainerServers() {}

    /**
     * Fails with a message that says what to do when Testcontainers finds no Docker engine.
     *
     * @throws LocalStackException when no Docker engine is reachable
     */
    public static void requireDocker() {
        boolean available;
        try {
            available = DockerClientFactory.instance().isDockerAvailable();
        } catch (RuntimeException e) {
            throw noDocker(e);
        }
        if (!available) {
            throw noDocker(null);
        }
    }

    private static LocalStackException noDocker(Throwable cause) {
        String message = "FLASHSALE_STACK=containers was requested, but no Docker engine is reachable"
                + " (Testcontainers found none; start one or set DOCKER_HOST). Use FLASHSALE_STACK=embedded instead,"
                + " or name running servers with " + StackSettings.KAFKA_BOOTSTRAP_SERVERS + ", "
                + StackSettings.DB_URL + " and " + StackSettings.REDIS_URL;
        return cause == null ? new LocalStackException(message) : new LocalStackException(message, cause);
    }

    /** Starts a Kafka container (KRaft, one node); closing it removes the container. */
    public static KafkaContainer kafka() {
        KafkaContainer container = new KafkaContainer(DockerImageName.parse(KAFKA_IMAGE))
                .withEnv("KAFKA_NUM_PARTITIONS", Integer.toString(EmbeddedKafkaBroker.DEFAULT_PARTITIONS))
                .withEnv("KAFKA_GROUP_INITIAL_REBALANCE_DELAY_MS", "0")
                .withEnv("KAFKA_OFFSETS_TOPIC_REPLICATION_FACTOR", "1")
                .withEnv("KAFKA_TRANSACTION_STATE_LOG_REPLICATION_FACTOR", "1")
                .withEnv("KAFKA_TRANSACTION_STATE_LOG_MIN_ISR", "1");
        return start("kafka", KAFKA_IMAGE, container);
    }

    /** Starts a PostgreSQL container; closing it removes the container. */
    public static PostgreSQLContainer postgres() {
        PostgreSQLContainer container = new PostgreSQLContainer(DockerImageName.parse(POSTGRES_IMAGE))
                .withDatabaseName(DATABASE)
                .withUsername(USER)
                .withPassword(PASSWORD);
        return start("postgres", POSTGRES_IMAGE, container);
    }

    /** Starts a Redis container without persistence; closing it removes the container. */
    public static GenericContainer<?> redis() {
        GenericContainer<?> container = new GenericContainer<>(DockerImageName.parse(REDIS_IMAGE))
                .withExposedPorts(REDIS_PORT)
                .withCommand("redis-server", "--save", "", "--appendonly", "no")
                .waitingFor(Wait.forLogMessage(".*Ready to accept connections.*\\n", 1));
        return start("redis", REDIS_IMAGE, container);
    }

    /** The Redis URL of a started {@link #redis()} container. */
    public static String redisUrl(GenericContainer<?> redis) {
        return "redis://" + redis.getHost() + ":" + redis.getMappedPort(REDIS_PORT);
    }

    private static <C extends GenericContainer<?>> C start(String name, String image, C container) {
        long started = System.nanoTime();
        try {
            container.start();
        } catch (RuntimeException e) {
            container.close();
            throw new LocalStackException(name + " container " + image + " failed to start", e);
        }
        LOG.info("{} container {} started in {} ms", name, image, Millis.since(started));
        return container;
    }
}
