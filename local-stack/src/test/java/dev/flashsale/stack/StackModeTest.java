package dev.flashsale.stack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class StackModeTest {

    @Test
    void embeddedWhenNothingIsSet() {
        assertThat(StackMode.select(Optional.empty(), Optional.empty()))
                .as("default mode")
                .isEqualTo(StackMode.EMBEDDED);
        assertThat(StackMode.select(Optional.of(" "), Optional.of("")))
                .as("blank values count as unset")
                .isEqualTo(StackMode.EMBEDDED);
    }

    @Test
    void systemPropertyWinsOverEnvironment() {
        assertThat(StackMode.select(Optional.of("embedded"), Optional.of("containers")))
                .as("property before environment")
                .isEqualTo(StackMode.EMBEDDED);
        assertThat(StackMode.select(Optional.empty(), Optional.of("Containers")))
                .as("environment, any case")
                .isEqualTo(StackMode.CONTAINERS);
    }

    @Test
    void unknownNameIsRejectedWithTheValidOnes() {
        assertThatThrownBy(() -> StackMode.select(Optional.empty(), Optional.of("docker")))
                .as("unknown mode")
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("environment variable FLASHSALE_STACK must be one of [embedded, containers], got 'docker'");
    }
}
