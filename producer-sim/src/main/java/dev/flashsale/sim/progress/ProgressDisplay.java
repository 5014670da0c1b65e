package dev.flashsale.sim.progress;

import java.io.PrintStream;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * Shows a status line while something runs: rewritten in place on a terminal, printed every few seconds otherwise.
 * The line comes from a supplier that must be cheap and thread-safe (it reads counters).
 */
public final class ProgressDisplay implements AutoCloseable {

    static final Duration TERMINAL_INTERVAL = Duration.ofMillis(250);
    static final Duration PLAIN_INTERVAL = Duration.ofSeconds(5);

    private final ProgressMode mode;
    private final PrintStream out;
    private final Supplier<String> status;
    private final ScheduledExecutorService timer;
    private int lastLength;

    public ProgressDisplay(ProgressMode mode, PrintStream out, Supplier<String> status) {
        this.mode = mode.resolve();
        this.out = out;
        this.status = status;
        if (this.mode == ProgressMode.NONE) {
            timer = null;
            return;
        }
        timer = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "flashsale-sim-progress");
            thread.setDaemon(true);
            return thread;
        });
        Duration interval = this.mode == ProgressMode.TERMINAL ? TERMINAL_INTERVAL : PLAIN_INTERVAL;
        timer.scheduleAtFixedRate(this::show, interval.toMillis(), interval.toMillis(), TimeUnit.MILLISECONDS);
    }

    private synchronized void show() {
        String line = status.get();
        if (mode == ProgressMode.TERMINAL) {
            // Pad over the previous line's leftovers, then return to the line start for the next rewrite.
            out.print("\r" + line + " ".repeat(Math.max(0, lastLength - line.length())));
            lastLength = line.length();
        } else {
            out.println(line);
        }
        out.flush();
    }

    /** Stops updating; on a terminal, leaves the final status on its own line. */
    @Override
    public void close() {
        if (timer == null) {
            return;
        }
        timer.shutdownNow();
        try {
            timer.awaitTermination(1, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (mode == ProgressMode.TERMINAL) {
            show();
            out.println();
        }
    }
}
