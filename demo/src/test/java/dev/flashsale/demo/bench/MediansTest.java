package dev.flashsale.demo.bench;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class MediansTest {

    @Test
    void theMiddleValueOrTheMeanOfTheTwoMiddleOnes() {
        assertThat(Medians.of(3.0)).isEqualTo(3.0);
        assertThat(Medians.of(5.0, 1.0, 3.0)).isEqualTo(3.0);
        assertThat(Medians.of(4.0, 1.0, 3.0, 2.0)).isEqualTo(2.5);
        assertThat(Medians.of()).isNaN();
    }

    @Test
    void doesNotReorderTheCallersValues() {
        double[] values = {3.0, 1.0, 2.0};
        Medians.of(values);
        assertThat(values).containsExactly(3.0, 1.0, 2.0);
    }
}
