package dev.flashsale.stack.internal;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.flashsale.stack.Service;
import org.junit.jupiter.api.Test;

class RunningServiceTest {

    @Test
    void externalServerCannotBeStopped() {
        RunningService postgres = RunningService.external(Service.POSTGRES, StackSettings.DB_URL);

        assertThatThrownBy(postgres::managed)
                .as("stop/start of a server named by the environment")
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("postgres")
                .hasMessageContaining("FLASHSALE_DB_URL");
    }

    @Test
    void containerCannotBeStopped() {
        RunningService redis = RunningService.container(Service.REDIS, "redis:6.2.17", () -> {});

        assertThatThrownBy(redis::managed)
                .as("stop/start of a container")
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("container redis:6.2.17");
    }
}
