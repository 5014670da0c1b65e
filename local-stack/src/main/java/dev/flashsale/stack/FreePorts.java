package dev.flashsale.stack;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Picks loopback ports for the servers the stack starts. A server needs a fixed port so that a restart keeps its
 * address, which means the port is chosen before the server binds it, and something else may take it in between.
 *
 * <p>Two things did, before ports were picked this way: the kernel hands ports of its ephemeral range to every
 * outgoing connection (the stack's own JDBC, Redis and Kafka clients make dozens while a broker is still loading its
 * classes), and a port released by one {@code bind(0)} may come back from the next one, on another thread starting
 * another server. So ports are drawn at random from below the ephemeral range, checked bindable, and never handed out
 * twice by this JVM. Where the ephemeral range leaves no room for that, the kernel's choice is taken as before.
 */
public final class FreePorts {
    public static final String LOOPBACK = "127.0.0.1";

    /** The lowest port drawn from; below it sit many well-known and registered services. */
    static final int LOWEST = 10_000;
    /** Fewer candidates than this and a random draw would collide too often to be worth it. */
    static final int MIN_WINDOW = 1_000;

    private static final Path EPHEMERAL_RANGE = Path.of("/proc/sys/net/ipv4/ip_local_port_range");
    private static final int ATTEMPTS = 200;
    private static final Set<Integer> HANDED_OUT = new HashSet<>();

    private FreePorts() {}

    /** A loopback port that is free now, outside the kernel's ephemeral range where it can, and new to this JVM. */
    public static synchronized int next() {
        Optional<Window> window = ephemeralFloor().flatMap(Window::below);
        if (window.isPresent()) {
            for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
                int candidate = window.get().draw();
                if (!HANDED_OUT.contains(candidate) && bindable(candidate)) {
                    HANDED_OUT.add(candidate);
                    return candidate;
                }
            }
        }
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            int candidate = kernelChoice();
            if (HANDED_OUT.add(candidate)) {
                return candidate;
            }
        }
        throw new IllegalStateException("no loopback port left that this JVM has not handed out already");
    }

    /** The first port of the ephemeral range, where the system tells it (Linux). */
    static Optional<Integer> ephemeralFloor() {
        try {
            // read by line: procfs reports a size of 0, and a read sized by it returns a single byte
            String[] bounds;
            try (BufferedReader reader = Files.newBufferedReader(EPHEMERAL_RANGE)) {
                bounds = reader.readLine().trim().split("\\s+");
            }
            return Optional.of(Integer.parseInt(bounds[0]));
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    static boolean bindable(int port) {
        try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(false);
            socket.bind(new InetSocketAddress(InetAddress.getByName(LOOPBACK), port));
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static int kernelChoice() {
        try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(false);
            socket.bind(new InetSocketAddress(InetAddress.getByName(LOOPBACK), 0));
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("no free port on " + LOOPBACK, e);
        }
    }

    /** Ports {@code from} (inclusive) to {@code to} (exclusive). */
    record Window(int from, int to) {
        static Optional<Window> below(int ephemeralFloor) {
            return ephemeralFloor - LOWEST >= MIN_WINDOW
                    ? Optional.of(new Window(LOWEST, ephemeralFloor))
                    : Optional.empty();
        }

        int draw() {
            return ThreadLocalRandom.current().nextInt(from, to);
        }
    }
}
