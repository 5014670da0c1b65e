package dev.flashsale.stack.internal;

import dev.flashsale.stack.FreePorts;
import dev.flashsale.stack.LocalStackException;
import java.io.File;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import redis.embedded.RedisServer;
import redis.embedded.core.ExecutableProvider;

/**
 * A Redis server run as a child process from the binary that {@code com.github.codemonstur:embedded-redis} ships
 * inside its jar (Redis 6.2 on Linux x86-64), listening on 127.0.0.1 only.
 *
 * <p>Persistence is off (no RDB snapshots, no AOF): a stop/start loses every key, like a crash of a cache-only Redis,
 * which is the failure the lock strategies must survive. The binary is copied into {@code workDir}, which is also the
 * server's working directory, so nothing is written elsewhere.
 */
public final class EmbeddedRedisServer implements ManagedServer {
    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedRedisServer.class);

    private final RedisServer server;
    private final int port;
    private boolean running;

    private EmbeddedRedisServer(RedisServer server, int port) {
        this.server = server;
        this.port = port;
    }

    /** Copies the binary into {@code workDir} and starts it on a free port. */
    public static EmbeddedRedisServer start(Path workDir) {
        long started = System.nanoTime();
        int port = FreePorts.next();
        File executable;
        try {
            executable =
                    ExecutableProvider.newJarResourceProvider(workDir.toFile()).get();
        } catch (IOException | RuntimeException e) {
            throw new LocalStackException("cannot extract the embedded Redis binary into " + workDir, e);
        }
        List<String> command = List.of(
                executable.getAbsolutePath(),
                "--port",
                Integer.toString(port),
                "--bind",
                FreePorts.LOOPBACK,
                "--dir",
                workDir.toString(),
                "--save",
                "",
                "--appendonly",
                "no");
        // forceStop=false: SIGTERM and wait, so the port is free again when stop() returns
        EmbeddedRedisServer redis = new EmbeddedRedisServer(new RedisServer(port, command, false), port);
        redis.start();
        LOG.info("Embedded Redis started on {} in {} ms", redis.url(), Millis.since(started));
        return redis;
    }

    public String url() {
        return "redis://" + FreePorts.LOOPBACK + ":" + port;
    }

    @Override
    public synchronized void start() {
        if (running) {
            return;
        }
        try {
            server.start();
        } catch (IOException | RuntimeException e) {
            throw new LocalStackException("embedded Redis on " + url() + " failed to start", e);
        }
        // start() returned after the server logged that it accepts connections
        running = true;
    }

    @Override
    public synchronized void stop() {
        if (!running) {
            return;
        }
        long started = System.nanoTime();
        try {
            server.stop();
        } catch (IOException e) {
            throw new LocalStackException("cannot stop embedded Redis on " + url(), e);
        }
        running = false;
        LOG.info("Embedded Redis on {} stopped in {} ms", url(), Millis.since(started));
    }

    @Override
    public synchronized boolean isRunning() {
        return running;
    }

    @Override
    public void close() {
        stop();
    }
}
