package dev.flashsale.sim;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The packaged simulator runs with {@code java -jar}, as the README shows, finding its libraries beside it. */
class RunnableJarIT {

    private static final Path JAR = Path.of("target", "flashsale-producer-sim.jar");

    @Test
    void helpListsTheSubcommands() throws Exception {
        Run help = run("--help");
        assertThat(help.exit).isZero();
        assertThat(help.output).contains("seed").contains("run").contains("verify");
    }

    @Test
    void aBadOptionIsAUsageErrorBeforeAnythingIsTouched() throws Exception {
        Run bad = run("seed", "--stock", "-1");
        assertThat(bad.exit).isEqualTo(2);
        assertThat(bad.output).contains("stock must not be negative");
    }

    private record Run(int exit, String output) {}

    private static Run run(String... args) throws IOException, InterruptedException {
        assertThat(JAR).as("the package phase builds the runnable jar").exists();
        List<String> command = new ArrayList<>(
                List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar", JAR.toString()));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        return new Run(process.exitValue(), output);
    }
}
