package dev.flashsale.stack.internal;

import java.util.concurrent.TimeUnit;

/** Elapsed time for start-up logs. */
final class Millis {
    private Millis() {}

    static long since(long startNanos) {
        return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startNanos);
    }
}
