package dev.flashsale.sim.workload;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.SplittableRandom;
import java.util.TreeSet;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class QuantityRangeTest {

    @Test
    void parsesAFixedQuantityAndARange() {
        assertThat(QuantityRange.parse("1")).isEqualTo(new QuantityRange(1, 1));
        assertThat(QuantityRange.parse("1-3")).isEqualTo(new QuantityRange(1, 3));
        assertThat(QuantityRange.parse(" 2 - 4 ")).isEqualTo(new QuantityRange(2, 4));
        assertThat(QuantityRange.parse("5-5")).isEqualTo(QuantityRange.fixed(5));
    }

    @Test
    void printsTheWayItIsWritten() {
        assertThat(QuantityRange.parse("1")).hasToString("1");
        assertThat(QuantityRange.parse("1-3")).hasToString("1-3");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "0", "-1", "3-1", "a", "1-", "1-b", "0-2", "1.5", "2000000"})
    void rejectsWhatIsNotAPositiveQuantityOrRange(String text) {
        assertThatThrownBy(() -> QuantityRange.parse(text))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("quantity");
    }

    @Test
    void drawsEveryValueOfTheRangeAndNothingElse() {
        QuantityRange range = QuantityRange.parse("2-5");
        SplittableRandom random = new SplittableRandom(3);
        TreeSet<Integer> seen = new TreeSet<>();
        IntStream.range(0, 2_000).forEach(i -> seen.add(range.next(random)));
        assertThat(seen).containsExactly(2, 3, 4, 5);
    }

    @Test
    void aFixedQuantityStillConsumesOneRandomNumber() {
        SplittableRandom fixed = new SplittableRandom(9);
        SplittableRandom reference = new SplittableRandom(9);
        QuantityRange.fixed(1).next(fixed);
        reference.nextInt(1);
        assertThat(fixed.nextLong()).isEqualTo(reference.nextLong());
    }
}
