package dev.flashsale.stack.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.flashsale.stack.StackMode;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;

class StackSettingsTest {

    private static Properties home() {
        Properties props = new Properties();
        props.setProperty("user.home", "/home/dev");
        return props;
    }

    @Test
    void nothingSetMeansEverythingIsProvidedByTheStack() {
        StackSettings settings = StackSettings.parse(StackMode.EMBEDDED, Map.of(), home());

        assertThat(settings.kafkaBootstrapServers()).as("kafka").isEmpty();
        assertThat(settings.database()).as("database").isEmpty();
        assertThat(settings.redisUrl()).as("redis").isEmpty();
        assertThat(settings.cacheDirectory()).as("cache").isEqualTo(Path.of("/home/dev/.cache/flashsale"));
    }

    @Test
    void eachServiceIsDecidedOnItsOwn() {
        StackSettings settings = StackSettings.parse(
                StackMode.EMBEDDED,
                Map.of("FLASHSALE_KAFKA_BOOTSTRAP_SERVERS", "kafka:9092", "FLASHSALE_REDIS_URL", " "),
                home());

        assertThat(settings.kafkaBootstrapServers())
                .as("kafka from the environment")
                .contains("kafka:9092");
        assertThat(settings.database()).as("database still embedded").isEmpty();
        assertThat(settings.redisUrl()).as("blank counts as unset").isEmpty();
    }

    @Test
    void databaseNeedsUrlAndUser() {
        StackSettings settings = StackSettings.parse(
                StackMode.EMBEDDED,
                Map.of(
                        "FLASHSALE_DB_URL", "jdbc:postgresql://db:5432/shop",
                        "FLASHSALE_DB_USER", "shop",
                        "FLASHSALE_DB_PASSWORD", "pw"),
                home());

        assertThat(settings.database())
                .as("database from the environment")
                .contains(new StackSettings.ExternalDatabase("jdbc:postgresql://db:5432/shop", "shop", "pw"));
        assertThat(settings.database().orElseThrow().toString()).as("printed").doesNotContain("pw");

        assertThatThrownBy(() -> StackSettings.parse(
                        StackMode.EMBEDDED, Map.of("FLASHSALE_DB_URL", "jdbc:postgresql://db/shop"), home()))
                .as("URL without user")
                .hasMessage("FLASHSALE_DB_USER must be set when FLASHSALE_DB_URL is set");
        assertThatThrownBy(() -> StackSettings.parse(StackMode.EMBEDDED, Map.of("FLASHSALE_DB_USER", "shop"), home()))
                .as("user without URL")
                .hasMessageContaining("FLASHSALE_DB_URL is not");
        assertThatThrownBy(() -> StackSettings.parse(
                        StackMode.EMBEDDED,
                        Map.of("FLASHSALE_DB_URL", "jdbc:mysql://db/shop?password=x", "FLASHSALE_DB_USER", "u"),
                        home()))
                .as("not PostgreSQL")
                .hasMessage(
                        "FLASHSALE_DB_URL must start with jdbc:postgresql://, got 'jdbc:mysql://db/shop?password=******'");
    }

    @Test
    void redisUrlMustBeARedisUrl() {
        assertThatThrownBy(() -> StackSettings.parse(
                        StackMode.EMBEDDED, Map.of("FLASHSALE_REDIS_URL", "localhost:6379"), home()))
                .as("redis URL without scheme")
                .hasMessage("FLASHSALE_REDIS_URL must start with redis:// or rediss://, got 'localhost:6379'");
    }

    @Test
    void cacheDirectoryFromPropertyThenEnvironment() {
        Properties props = home();
        Map<String, String> env = Map.of("FLASHSALE_STACK_CACHE_DIR", "/var/cache/env");

        assertThat(StackSettings.parse(StackMode.EMBEDDED, env, props).cacheDirectory())
                .as("from the environment")
                .isEqualTo(Path.of("/var/cache/env"));
        props.setProperty("flashsale.stack.cache-dir", "/var/cache/prop");
        assertThat(StackSettings.parse(StackMode.EMBEDDED, env, props).cacheDirectory())
                .as("the property wins")
                .isEqualTo(Path.of("/var/cache/prop"));
    }
}
