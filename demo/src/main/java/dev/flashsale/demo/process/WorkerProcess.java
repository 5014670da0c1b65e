package dev.flashsale.demo.process;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.TimeUnit;

/**
 * One worker as a real JVM of its own, so that {@code kill -9}, {@code SIGSTOP}, a heap limit and its CPU time are
 * real. Started from this JVM's class path with the worker's own command line; its output goes to a log file.
 */
public final class WorkerProcess {

    private final String name;
    private final List<String> command;
    private final Map<String, String> environment;
    private final Path log;
    private Process process;
    private int launches;

    /**
     * @param name for logs and messages ({@code w1})
     * @param command the full command line ({@code java ... WorkerCommand --...})
     * @param environment variables added to this JVM's environment (passwords)
     * @param log where standard output and error go, appended across restarts
     */
    public WorkerProcess(String name, List<String> command, Map<String, String> environment, Path log) {
        this.name = Objects.requireNonNull(name, "name");
        this.command = List.copyOf(command);
        this.environment = Map.copyOf(environment);
        this.log = Objects.requireNonNull(log, "log");
    }

    public String name() {
        return name;
    }

    public Path log() {
        return log;
    }

    /** How many times this worker was started. */
    public synchronized int launches() {
        return launches;
    }

    /** Starts the process; a replacement after a kill reuses the same command line (and so the same worker id). */
    public synchronized void start() {
        if (process != null && process.isAlive()) {
            throw new IllegalStateException("worker " + name + " is already running as pid " + process.pid());
        }
        try {
            Files.createDirectories(log.toAbsolutePath().getParent());
            ProcessBuilder builder = new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
            builder.environment().putAll(environment);
            process = builder.start();
            launches++;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start worker " + name + " (" + command.get(0) + ")", e);
        }
    }

    public synchronized long pid() {
        return process == null ? -1 : process.pid();
    }

    public synchronized boolean alive() {
        return process != null && process.isAlive();
    }

    /** The exit status of a process that ended, or -1. */
    public synchronized int exitStatus() {
        return process != null && !process.isAlive() ? process.exitValue() : -1;
    }

    /** SIGTERM: the worker finishes the poll in hand, commits and exits. */
    public synchronized void terminate() {
        if (alive()) {
            process.destroy();
        }
    }

    /** SIGKILL: the process ends at once, with whatever it had in hand. */
    public synchronized void kill() {
        if (alive()) {
            process.destroyForcibly();
        }
    }

    /** SIGSTOP: the process stops running but keeps its connections, locks and leases, as in a long pause. */
    public void suspend() {
        signal("STOP");
    }

    /** SIGCONT: a stopped process runs again. */
    public void resume() {
        signal("CONT");
    }

    private void signal(String signal) {
        long pid = pid();
        if (pid < 0) {
            throw new IllegalStateException("worker " + name + " is not running");
        }
        try {
            Process kill = new ProcessBuilder("kill", "-" + signal, Long.toString(pid))
                    .redirectErrorStream(true)
                    .start();
            if (!kill.waitFor(10, TimeUnit.SECONDS) || kill.exitValue() != 0) {
                throw new IllegalStateException("kill -" + signal + " " + pid + " failed for worker " + name);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot send SIG" + signal + " to worker " + name, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while signalling worker " + name, e);
        }
    }

    /** Waits for the process to end; returns whether it did within {@code timeout}. */
    public boolean awaitExit(Duration timeout) {
        Process current;
        synchronized (this) {
            current = process;
        }
        if (current == null) {
            return true;
        }
        try {
            return current.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    @Override
    public String toString() {
        return "worker " + name + (alive() ? " (pid " + pid() + ")" : "");
    }
}
