package dev.flashsale.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * The chaos command at CI size: every scenario once, a short sale with two kills, and the command's own verdict,
 * which is non-zero when any invariant a strategy promises broke.
 */
class ChaosIT {

    @Test
    void everyScenarioKeepsTheInvariants() {
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        PrintStream console = System.out;
        int status;
        try (PrintStream tee = new PrintStream(new TeeStream(console, captured), true, StandardCharsets.UTF_8)) {
            System.setOut(tee);
            status = DemoCommand.commandLine(new ChaosCommand())
                    .execute(
                            "--rate", "250",
                            "--duration", "14s",
                            "--first-fault", "4s",
                            "--kills", "2",
                            "--kill-interval", "3s",
                            "--downtime", "3s",
                            "--lock-lease", "1s",
                            "--strategies", "combined");
        } finally {
            System.setOut(console);
        }
        String output = captured.toString(StandardCharsets.UTF_8);
        assertThat(status).as("every invariant held:%n%s", output).isZero();
        for (String scenario :
                new String[] {"kill", "postgres-restart", "redis-restart", "kafka-restart", "stall", "broker-kill"}) {
            assertThat(output).as("a row for %s", scenario).containsPattern("(?m)^  " + scenario + " +combined ");
        }
        assertThat(output).contains("Every run kept the invariants its strategy promises.");
    }

    /** Writes to two streams. */
    private static final class TeeStream extends java.io.OutputStream {
        private final java.io.OutputStream first;
        private final java.io.OutputStream second;

        TeeStream(java.io.OutputStream first, java.io.OutputStream second) {
            this.first = first;
            this.second = second;
        }

        @Override
        public void write(int b) throws java.io.IOException {
            first.write(b);
            second.write(b);
        }

        @Override
        public void write(byte[] b, int off, int len) throws java.io.IOException {
            first.write(b, off, len);
            second.write(b, off, len);
        }
    }
}
