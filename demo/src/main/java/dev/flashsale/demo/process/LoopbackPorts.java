package dev.flashsale.demo.process;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;

/** Free TCP ports on 127.0.0.1, for the servers a run starts (the workers' {@code /metrics}). */
public final class LoopbackPorts {

    private LoopbackPorts() {}

    /** A port free right now; it is released before the caller binds it, a window harmless on a test machine. */
    public static int free() {
        try (ServerSocket socket = new ServerSocket()) {
            socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("no free port on the loopback interface", e);
        }
    }
}
