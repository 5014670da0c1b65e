package dev.flashsale.sim.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class TextTableTest {

    @Test
    void alignsTextLeftAndNumbersRight() {
        String table = new TextTable("name", "count")
                .row("atomic", 12)
                .row("optimistic", 3)
                .row("x", null)
                .render("");
        assertThat(table.lines())
                .containsExactly(
                        "name        count",
                        "----------  -----",
                        "atomic         12",
                        "optimistic      3",
                        "x               -");
    }

    @Test
    void rejectsARowOfTheWrongWidth() {
        assertThatThrownBy(() -> new TextTable("a", "b").row("only one"))
                .hasMessageContaining("a row needs 2 cells, got 1");
    }
}
