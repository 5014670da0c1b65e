package dev.flashsale.sim.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flashsale.sim.SimCommand;
import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** Option parsing and validation; nothing here reaches a server, since every failure comes first. */
class SimCommandTest {

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int execute(String... args) {
        CommandLine commandLine = SimCommand.commandLine();
        commandLine.setOut(new PrintWriter(out, true));
        commandLine.setErr(new PrintWriter(err, true));
        return commandLine.execute(args);
    }

    @Test
    void helpListsTheSubcommands() {
        assertThat(execute("--help")).isZero();
        assertThat(out.toString()).contains("seed", "run", "verify");
    }

    @Test
    void eachSubcommandHasHelpNamingItsVariables() {
        assertThat(execute("run", "--help")).isZero();
        assertThat(out.toString())
                .contains("--popularity", "--key", "--quantity", "--invalid-share", "--seed", "--run-id", "--rate")
                .contains("FLASHSALE_KAFKA_BOOTSTRAP_SERVERS", "FLASHSALE_DB_PASSWORD");
        assertThat(execute("seed", "--help")).isZero();
        assertThat(execute("verify", "--help")).isZero();
    }

    @Test
    void aSubcommandIsRequired() {
        assertThat(execute()).isEqualTo(ExitStatus.USAGE);
        assertThat(err.toString()).contains("a subcommand is required");
    }

    @Test
    void badWorkloadValuesAreRejectedBeforeAnythingIsSent() {
        assertThat(execute("run", "--quantity", "0")).isEqualTo(ExitStatus.USAGE);
        assertThat(err.toString()).contains("quantity must be between 1 and");
        assertThat(execute("run", "--popularity", "zipf:x")).isEqualTo(ExitStatus.USAGE);
        assertThat(err.toString()).contains("popularity zipf exponent must be a number");
        assertThat(execute("run", "--key", "order")).isEqualTo(ExitStatus.USAGE);
        assertThat(execute("run", "--invalid-share", "2")).isEqualTo(ExitStatus.USAGE);
        assertThat(err.toString()).contains("invalidShare must be between 0 and 1, got 2.0");
        assertThat(execute("run", "--run-id", "two words")).isEqualTo(ExitStatus.USAGE);
        assertThat(execute("run", "--rate", "-1")).isEqualTo(ExitStatus.USAGE);
        assertThat(err.toString()).contains("rate must be zero or a positive number, got -1.0");
        assertThat(execute("run", "--result-timeout", "soon")).isEqualTo(ExitStatus.USAGE);
        assertThat(err.toString()).contains("'soon' is not a duration");
    }

    @Test
    void badConnectionSettingsAreRejected() {
        assertThat(execute("seed", "--db-url", "jdbc:mysql://db/x")).isEqualTo(ExitStatus.USAGE);
        assertThat(err.toString()).contains("--db-url must be a PostgreSQL JDBC URL");
        assertThat(execute("seed", "--stock", "-1")).isEqualTo(ExitStatus.USAGE);
        assertThat(err.toString()).contains("stock must not be negative, got -1");
        assertThat(execute("seed", "--per-user-limit", "0")).isEqualTo(ExitStatus.USAGE);
        assertThat(execute("verify", "--max-offenders", "-1")).isEqualTo(ExitStatus.USAGE);
        assertThat(err.toString()).contains("--max-offenders must not be negative, got -1");
    }
}
