package dev.flashsale.stack.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.flashsale.stack.Endpoints;
import dev.flashsale.stack.LocalStack;
import dev.flashsale.stack.Origin;
import dev.flashsale.stack.Service;
import dev.flashsale.stack.StackMode;
import dev.flashsale.stack.StackOptions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Source selection with {@code FLASHSALE_*} variables, using the shared stack's servers as the "external" ones: a
 * variable wins for its own service only, and named servers are neither started nor stopped.
 */
class StackLauncherIT {
    private static Endpoints running;

    @BeforeAll
    static void startSharedStack() {
        running = LocalStack.shared().endpoints();
    }

    @Test
    void serversNamedByTheEnvironmentAreUsedAsTheyAre() throws Exception {
        StackSettings settings = StackSettings.parse(
                StackMode.EMBEDDED,
                Map.of(
                        StackSettings.KAFKA_BOOTSTRAP_SERVERS, running.kafkaBootstrapServers(),
                        StackSettings.DB_URL, running.jdbcUrl(),
                        StackSettings.DB_USER, running.dbUser(),
                        StackSettings.DB_PASSWORD, running.dbPassword(),
                        StackSettings.REDIS_URL, running.redisUrl()),
                System.getProperties());

        try (StartedStack stack = StackLauncher.launch(settings, StackOptions.defaults())) {
            assertThat(stack.endpoints()).as("endpoints are the named servers").isEqualTo(running);
            for (Service service : Service.values()) {
                assertThat(stack.service(service).origin())
                        .as("origin of %s", service)
                        .isEqualTo(Origin.ENVIRONMENT);
            }
            assertThatThrownBy(() -> stack.service(Service.REDIS).managed())
                    .as("a named server cannot be stopped")
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("FLASHSALE_REDIS_URL");
        }

        try (Connection connection =
                DriverManager.getConnection(running.jdbcUrl(), running.dbUser(), running.dbPassword())) {
            assertThat(connection.isValid(2))
                    .as("closing a stack leaves servers named by the environment running")
                    .isTrue();
        }
    }

    @Test
    void onlyTheNamedServiceComesFromTheEnvironment() {
        StackSettings settings = StackSettings.parse(
                StackMode.EMBEDDED,
                Map.of(StackSettings.KAFKA_BOOTSTRAP_SERVERS, running.kafkaBootstrapServers()),
                System.getProperties());

        try (StartedStack stack = StackLauncher.launch(settings, StackOptions.defaults())) {
            assertThat(stack.service(Service.KAFKA).origin()).as("kafka").isEqualTo(Origin.ENVIRONMENT);
            assertThat(stack.service(Service.POSTGRES).origin()).as("postgres").isEqualTo(Origin.EMBEDDED);
            assertThat(stack.service(Service.REDIS).origin()).as("redis").isEqualTo(Origin.EMBEDDED);
            assertThat(stack.endpoints().kafkaBootstrapServers())
                    .as("kafka address from the environment")
                    .isEqualTo(running.kafkaBootstrapServers());
            assertThat(stack.endpoints().jdbcUrl())
                    .as("a second embedded PostgreSQL of its own")
                    .isNotEqualTo(running.jdbcUrl());
        }
    }
}
