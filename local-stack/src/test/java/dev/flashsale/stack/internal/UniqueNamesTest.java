package dev.flashsale.stack.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Set;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class UniqueNamesTest {

    @Test
    void namesAreDistinctAndSafeEverywhere() {
        Set<String> names = new HashSet<>();
        IntStream.range(0, 1000).forEach(i -> names.add(UniqueNames.next("orders")));

        assertThat(names).as("1000 names, no repeats").hasSize(1000);
        assertThat(names)
                .as("valid as topic, group and SQL identifier")
                .allMatch(UniqueNames::isSafeIdentifier)
                .allMatch(name -> name.startsWith("orders_"));
    }

    @Test
    void awkwardPrefixesAreMadeSafe() {
        assertThat(UniqueNames.next("Purchase-Requests.DLT"))
                .as("mixed case and dots")
                .startsWith("purchase_requests_dlt_");
        assertThat(UniqueNames.next("42")).as("leading digit").startsWith("n42_");
        assertThat(UniqueNames.next("x".repeat(200)))
                .as("long prefix")
                .hasSizeLessThanOrEqualTo(UniqueNames.MAX_LENGTH)
                .matches(UniqueNames::isSafeIdentifier);
        assertThat(UniqueNames.isSafeIdentifier("x\"; DROP DATABASE y; --"))
                .as("injection attempt")
                .isFalse();
    }
}
