package dev.flashsale.demo.sale;

/**
 * One fault injected during a sale, or the end of one.
 *
 * @param atMs when, in epoch milliseconds
 * @param label what happened ({@code kill -9 w2}, {@code postgres back})
 * @param start whether this starts a fault (an end, such as a server coming back, is not measured for recovery)
 */
public record Fault(long atMs, String label, boolean start) {}
