package dev.flashsale.stack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeFalse;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.redisson.Redisson;
import org.redisson.api.RedissonClient;
import org.redisson.config.Config;
import org.testcontainers.DockerClientFactory;

/**
 * {@link StackMode#CONTAINERS}: with a Docker engine the servers run in containers; without one the stack refuses to
 * start with a message that says so. Which half runs depends on the machine; the other half is skipped.
 */
class ContainersStackIT {
    private static boolean dockerAvailable;

    @BeforeAll
    static void probeDocker() {
        dockerAvailable = DockerClientFactory.instance().isDockerAvailable();
    }

    @Test
    void containersModeProvidesWorkingServers() throws Exception {
        assumeTrue(dockerAvailable, "no Docker engine reachable: containers mode not exercised");

        try (LocalStack stack = LocalStack.start(StackMode.CONTAINERS)) {
            String topic = LocalStack.uniqueName("containers");
            stack.createTopic(topic, 2);

            String jdbcUrl = stack.newDatabase("containers");
            Endpoints endpoints = stack.endpoints();
            try (Connection connection =
                            DriverManager.getConnection(jdbcUrl, endpoints.dbUser(), endpoints.dbPassword());
                    Statement statement = connection.createStatement();
                    ResultSet rs = statement.executeQuery("SELECT 1")) {
                assertThat(rs.next()).as("query on the container database").isTrue();
            }

            Config config = new Config();
            config.useSingleServer().setAddress(endpoints.redisUrl());
            RedissonClient redisson = Redisson.create(config);
            try {
                redisson.<String>getBucket("k").set("v");
                assertThat(redisson.<String>getBucket("k").get())
                        .as("value read back from the Redis container")
                        .isEqualTo("v");
            } finally {
                redisson.shutdown();
            }

            if (stack.origin(Service.POSTGRES) == Origin.CONTAINER) {
                assertThatThrownBy(stack::stopPostgres)
                        .as("containers cannot be stopped for fault injection")
                        .isInstanceOf(IllegalStateException.class)
                        .hasMessageContaining("container");
            }
        }
    }

    @Test
    void containersModeWithoutDockerFailsClearly() {
        assumeFalse(dockerAvailable, "a Docker engine is reachable: the no-Docker failure is not exercised");
        assumeTrue(
                System.getenv("FLASHSALE_KAFKA_BOOTSTRAP_SERVERS") == null,
                "Kafka is named by the environment, so containers mode may need no Docker");

        assertThatThrownBy(() -> LocalStack.start(StackMode.CONTAINERS))
                .as("containers mode without Docker")
                .isInstanceOf(LocalStackException.class)
                .hasMessageContaining("no Docker engine")
                .hasMessageContaining("FLASHSALE_STACK=embedded");
    }
}
