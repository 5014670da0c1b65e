package dev.flashsale.stack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

class FreePortsTest {

    @Test
    void portsDrawnFromSeveralThreadsAreDistinctAndBindable() throws Exception {
        int threads = 4;
        int perThread = 50;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        List<Future<List<Integer>>> draws = new ArrayList<>();
        try {
            Callable<List<Integer>> draw = () -> {
                List<Integer> ports = new ArrayList<>();
                for (int i = 0; i < perThread; i++) {
                    ports.add(FreePorts.next());
                }
                return ports;
            };
            for (int t = 0; t < threads; t++) {
                draws.add(pool.submit(draw));
            }
            Set<Integer> seen = new HashSet<>();
            for (Future<List<Integer>> future : draws) {
                seen.addAll(future.get());
            }
            assertThat(seen).as("no port handed out twice").hasSize(threads * perThread);
            for (int port : seen) {
                try (ServerSocket socket = new ServerSocket()) {
                    socket.bind(new InetSocketAddress(InetAddress.getByName(FreePorts.LOOPBACK), port));
                }
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void portsStayBelowTheEphemeralRangeWhereItLeavesRoom() {
        Optional<Integer> floor = FreePorts.ephemeralFloor();
        assumeTrue(
                floor.isPresent() && floor.get() - FreePorts.LOWEST >= FreePorts.MIN_WINDOW,
                "this system does not say where its ephemeral range starts, or leaves no room below it");
        for (int i = 0; i < 100; i++) {
            assertThat(FreePorts.next())
                    .isGreaterThanOrEqualTo(FreePorts.LOWEST)
                    .isLessThan(floor.get());
        }
    }

    @Test
    void aPortAlreadyBoundIsNotHandedOut() throws IOException {
        int port = FreePorts.next();
        try (ServerSocket socket = new ServerSocket()) {
            socket.bind(new InetSocketAddress(InetAddress.getByName(FreePorts.LOOPBACK), port));
            assertThat(FreePorts.bindable(port)).isFalse();
        }
        assertThat(FreePorts.bindable(port)).isTrue();
    }

    @Test
    void windowNeedsRoomBelowTheEphemeralRange() {
        assertThat(FreePorts.Window.below(32_768)).contains(new FreePorts.Window(FreePorts.LOWEST, 32_768));
        assertThat(FreePorts.Window.below(FreePorts.LOWEST + FreePorts.MIN_WINDOW - 1))
                .as("too narrow")
                .isEmpty();
        assertThat(FreePorts.Window.below(1_024))
                .as("ephemeral range starting low")
                .isEmpty();
        FreePorts.Window window = new FreePorts.Window(20_000, 20_010);
        for (int i = 0; i < 100; i++) {
            assertThat(window.draw()).isBetween(20_000, 20_009);
        }
    }
}
