package dev.flashsale.sim.workload;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.SplittableRandom;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PopularityTest {

    @Test
    void parsesEveryForm() {
        assertThat(Popularity.parse("uniform")).isEqualTo(new Popularity.Uniform());
        assertThat(Popularity.parse("HOT")).isEqualTo(new Popularity.Hot());
        assertThat(Popularity.parse("zipf")).isEqualTo(new Popularity.Zipf(1.0));
        assertThat(Popularity.parse("zipf:1.5")).isEqualTo(new Popularity.Zipf(1.5));
        assertThat(Popularity.parse("zipf:1.5")).hasToString("zipf:1.5");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "zipfy", "zipf:", "zipf:x", "zipf:-1", "zipf:11", "normal"})
    void rejectsUnknownFormsNamingTheValidOnes(String text) {
        assertThatThrownBy(() -> Popularity.parse(text))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("got");
    }

    @Test
    void hotAsksForTheFirstItemOnly() {
        IndexSampler hot = new Popularity.Hot().sampler(50);
        SplittableRandom random = new SplittableRandom(5);
        IntStream.range(0, 1000).forEach(i -> assertThat(hot.next(random)).isZero());
    }

    @Test
    void uniformReachesEveryItem() {
        IndexSampler uniform = new Popularity.Uniform().sampler(10);
        SplittableRandom random = new SplittableRandom(5);
        assertThat(IntStream.range(0, 2000)
                        .map(i -> uniform.next(random))
                        .distinct()
                        .count())
                .isEqualTo(10);
    }
}
