package dev.flashsale.stack.internal;

import dev.flashsale.stack.LocalStackException;
import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One Kafka node run by {@link KafkaNodeMain} in a child JVM on this JVM's class path, so that it can be killed for
 * real (SIGKILL), and its CPU time measured apart from everything else. Its output goes to {@code node.log} next to
 * its data. The child watches this JVM and exits when it is gone, so a crashed parent leaves no broker behind.
 */
public final class ForkedKafkaNode implements ManagedServer {
    private static final Logger LOG = LoggerFactory.getLogger(ForkedKafkaNode.class);

    static final Duration START_TIMEOUT = Duration.ofMinutes(2);
    static final Duration STOP_TIMEOUT = Duration.ofMinutes(1);
    /**
     * A development broker lives for minutes on a small machine: C1-compiled code only, because C2 kept compiling (and
     * deoptimising and compiling again) for as long as the benchmark ran, a third of the broker's CPU on two cores.
     */
    static final List<String> JVM_OPTIONS = List.of("-Xms256m", "-Xmx768m", "-XX:+UseG1GC", "-XX:TieredStopAtLevel=1");
    /**
     * Environment variable with extra JVM options for the nodes, separated by spaces (to profile a broker, say:
     * {@code -XX:StartFlightRecording=filename=broker.jfr}).
     */
    public static final String EXTRA_JVM_OPTIONS = "FLASHSALE_STACK_KAFKA_JVM_OPTIONS";

    private final KafkaNodeSettings settings;
    private final Path logFile;
    private Process process;

    ForkedKafkaNode(KafkaNodeSettings settings) {
        this.settings = settings;
        this.logFile = settings.logDir().resolveSibling("node-" + settings.nodeId() + ".log");
    }

    public KafkaNodeSettings settings() {
        return settings;
    }

    /** Launches the child JVM and returns; {@link #awaitReady()} waits until it serves. */
    synchronized void launch() {
        if (process != null && process.isAlive()) {
            return;
        }
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(JVM_OPTIONS);
        String extra = System.getenv().getOrDefault(EXTRA_JVM_OPTIONS, "").trim();
        if (!extra.isEmpty()) {
            command.addAll(List.of(extra.split("\\s+")));
        }
        command.add("-D" + KafkaNodeMain.PARENT_PID_PROPERTY + "="
                + ProcessHandle.current().pid());
        String logback = System.getProperty("logback.configurationFile");
        if (logback != null) {
            command.add("-Dlogback.configurationFile=" + logback);
        }
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(KafkaNodeMain.class.getName());
        command.addAll(settings.toArgs());
        try {
            Files.createDirectories(settings.logDir());
            process = new ProcessBuilder(command).redirectErrorStream(true).start();
        } catch (IOException e) {
            throw new LocalStackException("cannot launch Kafka " + settings, e);
        }
        ready = new CountDownLatch(1);
        Process launched = process;
        CountDownLatch signal = ready;
        Thread copier = new Thread(() -> copyOutput(launched, signal), "flashsale-kafka-node-" + settings.nodeId());
        copier.setDaemon(true);
        copier.start();
    }

    private CountDownLatch ready = new CountDownLatch(1);

    private void copyOutput(Process launched, CountDownLatch signal) {
        try (BufferedReader in =
                        new BufferedReader(new InputStreamReader(launched.getInputStream(), StandardCharsets.UTF_8));
                BufferedWriter out = Files.newBufferedWriter(
                        logFile, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND)) {
            String line;
            while ((line = in.readLine()) != null) {
                if (line.equals(KafkaNodeMain.READY)) {
                    signal.countDown();
                }
                out.write(line);
                out.newLine();
                out.flush();
            }
        } catch (IOException e) {
            LOG.debug("Output of Kafka {} ended: {}", settings, e.toString());
        }
    }

    /** Waits until the launched node serves clients. */
    void awaitReady() {
        Process launched;
        CountDownLatch signal;
        synchronized (this) {
            launched = process;
            signal = ready;
        }
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        try {
            while (!signal.await(200, TimeUnit.MILLISECONDS)) {
                if (!launched.isAlive()) {
                    throw new LocalStackException("Kafka " + settings + " exited with status " + launched.exitValue()
                            + " while starting; see " + logFile);
                }
                if (System.nanoTime() > deadline) {
                    throw new LocalStackException(
                            "Kafka " + settings + " did not start within " + START_TIMEOUT + "; see " + logFile);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LocalStackException("interrupted while starting Kafka " + settings, e);
        }
    }

    @Override
    public void start() {
        launch();
        awaitReady();
    }

    /** Stops the node with SIGTERM, so it shuts down in order (a controlled shutdown), and waits. */
    @Override
    public synchronized void stop() {
        end(false);
    }

    /** Kills the node with SIGKILL: no shutdown of any kind, like a power cut of that process. */
    public synchronized void kill() {
        end(true);
    }

    private void end(boolean kill) {
        if (kill) {
            if (process != null) {
                process.destroyForcibly();
            }
        } else {
            signalStop();
        }
        awaitExit(STOP_TIMEOUT);
    }

    /** Sends SIGTERM and returns at once; {@link #awaitExit} waits for the shutdown. */
    synchronized void signalStop() {
        if (process != null && process.isAlive()) {
            stopSignalledNanos = System.nanoTime();
            process.destroy();
        }
    }

    private long stopSignalledNanos;

    /** Waits for the node to exit, killing it once {@code patience} has passed. */
    synchronized void awaitExit(Duration patience) {
        if (process == null) {
            return;
        }
        boolean killed = false;
        try {
            if (!process.waitFor(patience.toMillis(), TimeUnit.MILLISECONDS)) {
                LOG.warn("Kafka {} did not stop within {}; killing it", settings, patience);
                killed = true;
                process.destroyForcibly().waitFor(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
        boolean signalled = stopSignalledNanos != 0;
        LOG.info(
                "Kafka {} {}{}",
                settings,
                killed || !signalled ? "killed" : "stopped",
                signalled ? " in " + Millis.since(stopSignalledNanos) + " ms" : "");
        process = null;
        stopSignalledNanos = 0;
    }

    @Override
    public synchronized boolean isRunning() {
        return process != null && process.isAlive();
    }

    /** The node's process id while it runs. */
    public synchronized OptionalLong pid() {
        return process != null && process.isAlive() ? OptionalLong.of(process.pid()) : OptionalLong.empty();
    }

    @Override
    public void close() {
        stop();
    }
}
