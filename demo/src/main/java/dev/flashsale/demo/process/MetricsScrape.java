package dev.flashsale.demo.process;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Reads a worker's {@code /metrics} (Prometheus text format) and sums the series of one histogram or counter over its
 * tags, so that the benchmark can say where the time went inside the workers: how long a request waited before its
 * result was committed, and how many records a poll carried.
 */
public final class MetricsScrape {

    private static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private final Map<String, Double> values;

    private MetricsScrape(Map<String, Double> values) {
        this.values = values;
    }

    /** Scrapes every endpoint and adds the values up; endpoints that do not answer are left out. */
    public static MetricsScrape of(List<URI> endpoints) {
        Map<String, Double> sum = new HashMap<>();
        for (URI endpoint : endpoints) {
            try {
                String body = HTTP.send(
                                HttpRequest.newBuilder(endpoint)
                                        .timeout(Duration.ofSeconds(5))
                                        .build(),
                                HttpResponse.BodyHandlers.ofString())
                        .body();
                parse(body).forEach((key, value) -> sum.merge(key, value, Double::sum));
            } catch (IOException e) {
                // a worker that does not answer adds nothing
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        return new MetricsScrape(sum);
    }

    /** Each sample line as {@code name|le} (the bucket bound when there is one), summed over the other tags. */
    static Map<String, Double> parse(String body) {
        Map<String, Double> samples = new HashMap<>();
        for (String line : body.split("\n")) {
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            int space = line.lastIndexOf(' ');
            String series = line.substring(0, space);
            double value;
            try {
                value = Double.parseDouble(line.substring(space + 1));
            } catch (NumberFormatException e) {
                continue;
            }
            int brace = series.indexOf('{');
            String name = brace < 0 ? series : series.substring(0, brace);
            String le = "";
            int at = series.indexOf("le=\"");
            if (at >= 0) {
                le = series.substring(at + 4, series.indexOf('"', at + 4));
            }
            samples.merge(name + "|" + le, value, Double::sum);
        }
        return samples;
    }

    /** The value of a counter or gauge, summed over tags and workers; 0 when absent. */
    public double value(String name) {
        return values.getOrDefault(name + "|", 0.0);
    }

    /**
     * The {@code q} quantile of a histogram's observations between {@code before} and this scrape, interpolated in its
     * buckets; NaN when nothing was observed.
     */
    public double quantile(MetricsScrape before, String histogram, double q) {
        TreeMap<Double, Double> buckets = new TreeMap<>();
        String prefix = histogram + "_bucket|";
        values.forEach((key, value) -> {
            if (key.startsWith(prefix)) {
                String le = key.substring(prefix.length());
                double bound = le.equals("+Inf") ? Double.POSITIVE_INFINITY : Double.parseDouble(le);
                buckets.put(bound, value - before.values.getOrDefault(key, 0.0));
            }
        });
        if (buckets.isEmpty()) {
            return Double.NaN;
        }
        double total = buckets.lastEntry().getValue();
        if (total <= 0) {
            return Double.NaN;
        }
        double target = q * total;
        double lowerBound = 0;
        double lowerCount = 0;
        List<Map.Entry<Double, Double>> entries = new ArrayList<>(buckets.entrySet());
        for (Map.Entry<Double, Double> bucket : entries) {
            if (bucket.getValue() >= target) {
                if (bucket.getKey().isInfinite()) {
                    return lowerBound;
                }
                double width = bucket.getKey() - lowerBound;
                double inBucket = bucket.getValue() - lowerCount;
                return inBucket <= 0 ? bucket.getKey() : lowerBound + width * (target - lowerCount) / inBucket;
            }
            lowerBound = bucket.getKey();
            lowerCount = bucket.getValue();
        }
        return lowerBound;
    }

    /** Observations of a histogram or summary between {@code before} and this scrape. */
    public double count(MetricsScrape before, String histogram) {
        return value(histogram + "_count") - before.value(histogram + "_count");
    }

    /** The sum of a histogram's observations between {@code before} and this scrape. */
    public double sum(MetricsScrape before, String histogram) {
        return value(histogram + "_sum") - before.value(histogram + "_sum");
    }
}
