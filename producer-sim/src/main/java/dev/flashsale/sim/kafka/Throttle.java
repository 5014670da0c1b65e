package dev.flashsale.sim.kafka;

import java.util.concurrent.locks.LockSupport;

/**
 * Paces a sequence of sends at a target rate: send {@code i} waits until {@code start + i / rate}. A sender that falls
 * behind is not made to wait, so short stalls are caught up rather than lost. Rate 0 means as fast as possible.
 */
final class Throttle {

    private final double perSecond;
    private long startNanos = -1;

    Throttle(double perSecond) {
        if (!(perSecond >= 0) || Double.isInfinite(perSecond)) {
            throw new IllegalArgumentException("rate must be zero or a positive number, got " + perSecond);
        }
        this.perSecond = perSecond;
    }

    /** Waits until send number {@code index} (from 0) is due. */
    void acquire(long index) {
        if (perSecond == 0) {
            return;
        }
        long now = System.nanoTime();
        if (startNanos < 0) {
            startNanos = now;
        }
        long due = startNanos + (long) (index * 1_000_000_000d / perSecond);
        while (now < due) {
            LockSupport.parkNanos(due - now);
            if (Thread.currentThread().isInterrupted()) {
                return;
            }
            now = System.nanoTime();
        }
    }
}
