package dev.flashsale.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** Options are checked before anything starts. */
class DemoCommandTest {

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int execute(Object command, String... args) {
        CommandLine commandLine = DemoCommand.commandLine(command);
        commandLine.setOut(new PrintWriter(out, true));
        commandLine.setErr(new PrintWriter(err, true));
        return commandLine.execute(args);
    }

    @Test
    void helpNamesTheOptions() {
        assertThat(execute(new DemoCommand(), "--help")).isZero();
        assertThat(out.toString()).contains("--strategies", "--items", "--stock", "--requests", "--popularity");
        assertThat(execute(new BenchCommand(), "--help")).isZero();
        assertThat(out.toString()).contains("--repeat", "--workloads", "--out");
    }

    @Test
    void anUnknownStrategyIsRejectedWithTheValidNames() {
        assertThat(execute(new DemoCommand(), "--strategies", "atomic,magic")).isEqualTo(2);
        assertThat(err.toString()).contains("strategy must be one of optimistic", "got 'magic'");
    }

    @Test
    void badSizesAreRejected() {
        assertThat(execute(new DemoCommand(), "--items", "0")).isEqualTo(2);
        assertThat(err.toString()).contains("items must be between 1 and");
        assertThat(execute(new DemoCommand(), "--popularity", "steep")).isEqualTo(2);
        assertThat(execute(new BenchCommand(), "--repeat", "0")).isEqualTo(2);
        assertThat(err.toString()).contains("--repeat must be at least 1, got 0");
        assertThat(execute(new BenchCommand(), "--workloads", "cold")).isEqualTo(2);
    }
}
