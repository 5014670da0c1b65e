package dev.flashsale.stack;

/**
 * A server of the local stack could not be started, stopped or used. The message names the server and, where it
 * helps, what to change; the cause is always kept.
 */
public class LocalStackException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public LocalStackException(String message) {
        super(message);
    }

    public LocalStackException(String message, Throwable cause) {
        super(message, cause);
    }
}
