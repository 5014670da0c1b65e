package dev.flashsale.worker.http;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.function.Supplier;

/**
 * {@code GET /metrics} (Prometheus text format), {@code GET /health/live} and {@code GET /health/ready}, served by the
 * JDK's HTTP server on one small thread pool.
 */
public final class HealthServer implements AutoCloseable {

    private final HttpServer server;

    /**
     * @param scrape renders the metrics in Prometheus text format
     * @param notReadyBecause why the worker is not consuming with working database and Redis connections, one line
     *     per cause; empty when it is
     */
    public HealthServer(int port, Supplier<String> scrape, Supplier<List<String>> notReadyBecause) {
        try {
            server = HttpServer.create(new InetSocketAddress(port), 0);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot listen for /metrics and /health on port " + port, e);
        }
        server.setExecutor(Executors.newFixedThreadPool(2, runnable -> {
            Thread thread = new Thread(runnable, "flashsale-http");
            thread.setDaemon(true);
            return thread;
        }));
        server.createContext("/metrics", exchange -> respond(exchange, 200, scrape.get(), "text/plain; version=0.0.4"));
        server.createContext("/health/live", exchange -> respond(exchange, 200, "live\n", "text/plain"));
        server.createContext("/health/ready", exchange -> {
            List<String> problems = notReadyBecause.get();
            if (problems.isEmpty()) {
                respond(exchange, 200, "ready\n", "text/plain");
            } else {
                respond(exchange, 503, "not ready\n" + String.join("\n", problems) + "\n", "text/plain");
            }
        });
        server.start();
    }

    /** The port actually bound (useful when 0 was asked for). */
    public int port() {
        return server.getAddress().getPort();
    }

    private static void respond(HttpExchange exchange, int status, String body, String contentType) throws IOException {
        try (exchange) {
            if (!"GET".equals(exchange.getRequestMethod())) {
                exchange.sendResponseHeaders(405, -1);
                return;
            }
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", contentType + "; charset=utf-8");
            exchange.sendResponseHeaders(status, bytes.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        }
    }

    @Override
    public void close() {
        server.stop(0);
        ((java.util.concurrent.ExecutorService) server.getExecutor()).shutdownNow();
    }
}
