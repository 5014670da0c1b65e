package dev.flashsale.worker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.flashsale.schema.event.PurchaseRequest;
import dev.flashsale.worker.strategy.StrategyName;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * Every metric the Grafana dashboard and the Prometheus alert rules query is exported by a running worker. A renamed
 * meter fails here instead of leaving an empty panel or an alert that can never fire.
 */
class MetricsContractIT {

    /** Metric names in the deployment files: the prefixes of the worker's own meters and of the library binders. */
    private static final Pattern METRIC =
            Pattern.compile("\\b(?:flashsale|kafka|hikaricp|jvm|process|system)_[a-z0-9_]+\\b");

    private static final List<Path> QUERY_FILES = List.of(
            Path.of("deploy", "grafana", "dashboards", "flashsale.json"),
            Path.of("deploy", "prometheus", "alerts.yml"));

    @Test
    void dashboardAndAlertsQueryOnlyExportedMetrics() throws Exception {
        Set<String> referenced = referencedMetrics();
        assertThat(referenced).as("the deployment files query worker metrics").isNotEmpty();

        try (SaleFixture sale = new SaleFixture("metrics")) {
            sale.seed("item", 5, null);
            Worker worker = sale.startWorker(sale.config(StrategyName.COMBINED, "w", 2));
            sale.sendByUser(IntStream.range(0, 20)
                    .mapToObj(i -> new PurchaseRequest("req-" + i, "user-" + i, "item", 1))
                    .toList());
            sale.sendRaw(SaleFixture.utf8("k"), "not json".getBytes(StandardCharsets.UTF_8));
            sale.awaitResults(20, Duration.ofMinutes(1));

            HttpClient http = HttpClient.newHttpClient();
            URI metrics = URI.create("http://127.0.0.1:" + worker.httpPort() + "/metrics");
            // Kafka client metrics such as partition lag are picked up by a periodic refresh after assignment.
            await("every referenced metric is exported")
                    .atMost(Duration.ofSeconds(90))
                    .pollInterval(Duration.ofSeconds(2))
                    .untilAsserted(() -> {
                        Set<String> exported = exportedNames(
                                http.send(HttpRequest.newBuilder(metrics).build(), HttpResponse.BodyHandlers.ofString())
                                        .body());
                        assertThat(exported)
                                .as("metrics the dashboard or alerts query but no worker exports")
                                .containsAll(referenced);
                    });
        }
    }

    private static Set<String> referencedMetrics() throws Exception {
        Path root = repositoryRoot();
        Set<String> names = new TreeSet<>();
        for (Path file : QUERY_FILES) {
            Matcher m = METRIC.matcher(Files.readString(root.resolve(file)));
            while (m.find()) {
                names.add(m.group());
            }
        }
        return names;
    }

    /** Sample names of a Prometheus text exposition (the part before labels or value). */
    private static Set<String> exportedNames(String exposition) {
        return exposition
                .lines()
                .filter(line -> !line.isBlank() && !line.startsWith("#"))
                .map(line -> line.split("[{ ]", 2)[0])
                .collect(Collectors.toCollection(TreeSet::new));
    }

    private static Path repositoryRoot() {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null && !Files.exists(dir.resolve(QUERY_FILES.get(0)))) {
            dir = dir.getParent();
        }
        if (dir == null) {
            throw new IllegalStateException("cannot find " + QUERY_FILES.get(0) + " above the working directory");
        }
        return dir;
    }
}
