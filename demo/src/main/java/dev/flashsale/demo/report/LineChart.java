package dev.flashsale.demo.report;

import java.util.ArrayList;
import java.util.List;

/**
 * Decisions per second over a sale's seconds, one line per series, with the moments faults began and ended marked by
 * vertical lines.
 */
public final class LineChart {

    private record Line(String name, String color, double[] perSecond, double bucketSeconds) {}

    /** A moment to mark: seconds from the start, a short label, and whether it starts a fault or ends one. */
    public record Marker(double atSeconds, String label, boolean start) {}

    private static final String FAULT = "#c62828";
    private static final String RECOVERY = "#2e7d32";

    private final String label;
    private final List<Line> lines = new ArrayList<>();
    private final List<Marker> markers = new ArrayList<>();

    public LineChart(String label) {
        this.label = label;
    }

    /**
     * A series: decisions per second in consecutive buckets of {@code bucketSeconds} each, from the start of the
     * chart.
     */
    public LineChart line(String name, String color, double[] perSecond, double bucketSeconds) {
        lines.add(new Line(name, color, perSecond.clone(), bucketSeconds));
        return this;
    }

    public LineChart marker(Marker marker) {
        markers.add(marker);
        return this;
    }

    public String svg() {
        int left = 70;
        int right = 30;
        int plotWidth = Svg.WIDTH - left - right;
        int plotHeight = 240;
        StringBuilder body = new StringBuilder();
        List<Svg.Key> keys = new ArrayList<>();
        lines.forEach(l -> keys.add(new Svg.Key(l.name(), l.color(), false)));
        if (markers.stream().anyMatch(Marker::start)) {
            keys.add(new Svg.Key("fault", FAULT, true));
        }
        if (markers.stream().anyMatch(m -> !m.start())) {
            keys.add(new Svg.Key("fault over", RECOVERY, true));
        }
        int legendHeight = Svg.legend(body, left, 16, plotWidth, keys);
        // Marker labels take up to three staggered rows above the plot, so that close ones do not overlap.
        int labelRows = markers.isEmpty() ? 0 : Math.min(3, markers.size());
        int top = 16 + legendHeight + 8 + labelRows * 14;
        int height = top + plotHeight + 50;

        int seconds = 1;
        double max = 1;
        for (Line line : lines) {
            seconds = Math.max(seconds, (int) Math.ceil(line.perSecond().length * line.bucketSeconds()));
            for (double v : line.perSecond()) {
                max = Math.max(max, v);
            }
        }
        for (Marker marker : markers) {
            seconds = Math.max(seconds, (int) Math.ceil(marker.atSeconds()));
        }
        List<Double> yTicks = Svg.ticks(max * 1.08);
        double yTop = yTicks.get(yTicks.size() - 1);
        List<Double> xTicks = Svg.ticks(seconds);
        double xEnd = xTicks.get(xTicks.size() - 1);
        double px = plotWidth / xEnd;
        double py = plotHeight / yTop;

        for (double tick : yTicks) {
            double y = top + plotHeight - tick * py;
            Svg.line(body, left, y, left + plotWidth, y, Svg.GRID, "");
            Svg.text(body, left - 6, y + 4, "end", Svg.AXIS, Svg.value(tick));
        }
        for (double tick : xTicks) {
            double x = left + tick * px;
            Svg.line(body, x, top + plotHeight, x, top + plotHeight + 4, Svg.AXIS, "");
            Svg.text(body, x, top + plotHeight + 17, "middle", Svg.AXIS, Svg.value(tick));
        }
        Svg.line(body, left, top, left, top + plotHeight, Svg.AXIS, "");
        Svg.line(body, left, top + plotHeight, left + plotWidth, top + plotHeight, Svg.AXIS, "");
        Svg.text(
                body,
                left + plotWidth / 2.0,
                top + plotHeight + 38,
                "middle",
                "#222",
                "seconds since the first request");
        body.append("<text transform=\"translate(16 ")
                .append(Svg.n(top + plotHeight / 2.0))
                .append(") rotate(-90)\" text-anchor=\"middle\" fill=\"#222\">decisions per second</text>\n");

        for (int i = 0; i < markers.size(); i++) {
            Marker marker = markers.get(i);
            double x = left + marker.atSeconds() * px;
            String color = marker.start() ? FAULT : RECOVERY;
            Svg.line(body, x, top, x, top + plotHeight, color, "stroke-width=\"1.5\" stroke-dasharray=\"5 3\"");
            double labelY = top - 6 - (i % Math.max(1, labelRows)) * 14;
            String anchor = x > left + plotWidth * 0.8 ? "end" : "start";
            Svg.text(body, x + (anchor.equals("start") ? 3 : -3), labelY, anchor, color, marker.label());
        }
        for (Line line : lines) {
            StringBuilder points = new StringBuilder();
            double[] values = line.perSecond();
            for (int s = 0; s < values.length; s++) {
                // Each value covers one bucket; it is drawn at the middle of its bucket.
                points.append(Svg.n(left + (s + 0.5) * line.bucketSeconds() * px))
                        .append(',')
                        .append(Svg.n(top + plotHeight - values[s] * py))
                        .append(' ');
            }
            body.append("<polyline fill=\"none\" stroke=\"")
                    .append(line.color())
                    .append("\" stroke-width=\"2\" points=\"")
                    .append(points.toString().trim())
                    .append("\"><title>")
                    .append(Svg.esc(line.name()))
                    .append("</title></polyline>\n");
        }
        StringBuilder svg = new StringBuilder();
        Svg.open(svg, height, label);
        svg.append(body);
        svg.append("</svg>\n");
        return svg.toString();
    }
}
