package dev.flashsale.stack.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;

/**
 * Picks loopback ports that are free right now. The port is released before the server binds it, so another
 * process could take it in between; on a developer machine or CI runner that window is harmless in practice, and
 * the servers need a fixed port anyway so that a restart keeps their address.
 */
public final class FreePorts {
    public static final String LOOPBACK = "127.0.0.1";

    private FreePorts() {}

    public static int next() {
        try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(false);
            socket.bind(new InetSocketAddress(InetAddress.getByName(LOOPBACK), 0));
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("no free port on " + LOOPBACK, e);
        }
    }
}
