package dev.flashsale.worker.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class HealthServerTest {

    private final HttpClient client = HttpClient.newHttpClient();

    @Test
    void readinessAnswers503WithEveryCauseAnd200WhenTheyAreGone() throws Exception {
        AtomicReference<List<String>> problems = new AtomicReference<>(
                List.of("database: PSQLException: Connection refused", "consumer w-1-0 is paused"));
        try (HealthServer server = new HealthServer(0, () -> "flashsale_up 1\n", problems::get)) {
            HttpResponse<String> notReady = get(server, "/health/ready");
            assertThat(notReady.statusCode()).isEqualTo(503);
            assertThat(notReady.body())
                    .isEqualTo("not ready\ndatabase: PSQLException: Connection refused\nconsumer w-1-0 is paused\n");

            problems.set(List.of());
            HttpResponse<String> ready = get(server, "/health/ready");
            assertThat(ready.statusCode()).isEqualTo(200);
            assertThat(ready.body()).isEqualTo("ready\n");

            assertThat(get(server, "/health/live").statusCode()).isEqualTo(200);
            assertThat(get(server, "/metrics").body()).isEqualTo("flashsale_up 1\n");
        }
    }

    @Test
    void onlyGetIsAnswered() throws Exception {
        try (HealthServer server = new HealthServer(0, () -> "", List::of)) {
            HttpResponse<String> post = client.send(
                    HttpRequest.newBuilder(uri(server, "/health/ready"))
                            .POST(HttpRequest.BodyPublishers.noBody())
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(post.statusCode()).isEqualTo(405);
        }
    }

    private HttpResponse<String> get(HealthServer server, String path) throws Exception {
        return client.send(HttpRequest.newBuilder(uri(server, path)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static URI uri(HealthServer server, String path) {
        return URI.create("http://127.0.0.1:" + server.port() + path);
    }
}
