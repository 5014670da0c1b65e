package dev.flashsale.stack.internal;

/**
 * A server the stack started itself and can stop and start again at the same address with the same data, which
 * is what fault-injection tests need.
 */
public interface ManagedServer extends AutoCloseable {

    /** Stops the server, keeping its port and data. Does nothing when it is already stopped. */
    void stop();

    /** Starts the server again on the same port with the same data. Does nothing when it is running. */
    void start();

    /** Whether the server is running. */
    boolean isRunning();

    /** Stops the server for good. Its files are removed by whoever owns its directory. */
    @Override
    void close();
}
