package dev.flashsale.demo.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Horizontal bars, one row per category (a strategy), one bar per series in each row, with optional reference lines
 * (the ceilings) and a verdict at the end of each row. Long names fit on the left, and ten rows stay readable at a
 * laptop's width.
 */
public final class BarChart {

    /** One kind of bar: its name in the legend, its colour, and one value per category (NaN: not measured). */
    public record Series(String name, String color, double[] values) {
        public Series {
            Objects.requireNonNull(name, "name");
            values = values.clone();
        }
    }

    /** A vertical line across every row, such as a ceiling. */
    public record Reference(String name, String color, double value) {}

    /** What is written after a row's bars, such as the invariants' verdict, and its colour. */
    public record Badge(String text, String color) {}

    private final String label;
    private final String axisTitle;
    private final List<String> categories;
    private final List<Series> series = new ArrayList<>();
    private final List<Reference> references = new ArrayList<>();
    private final List<Badge> badges = new ArrayList<>();
    private boolean logScale;

    /**
     * @param label what the chart shows, for its title and for screen readers
     * @param axisTitle the value axis' title, with its unit
     * @param categories the rows, top to bottom
     */
    public BarChart(String label, String axisTitle, List<String> categories) {
        this.label = label;
        this.axisTitle = axisTitle;
        this.categories = List.copyOf(categories);
    }

    public BarChart series(String name, String color, double[] values) {
        if (values.length != categories.size()) {
            throw new IllegalArgumentException(
                    "series " + name + " has " + values.length + " values for " + categories.size() + " rows");
        }
        series.add(new Series(name, color, values));
        return this;
    }

    /** Adds a reference line; a NaN value (not measured) is left out. */
    public BarChart reference(String name, String color, double value) {
        if (!Double.isNaN(value)) {
            references.add(new Reference(name, color, value));
        }
        return this;
    }

    /** Writes one badge per row after its bars. */
    public BarChart badges(List<Badge> perRow) {
        if (perRow.size() != categories.size()) {
            throw new IllegalArgumentException(perRow.size() + " badges for " + categories.size() + " rows");
        }
        badges.clear();
        badges.addAll(perRow);
        return this;
    }

    /** A logarithmic value axis, for values that span orders of magnitude (latencies). */
    public BarChart logScale() {
        this.logScale = true;
        return this;
    }

    public String svg() {
        int left = 170;
        int right = badges.isEmpty() ? 70 : 130;
        int plotWidth = Svg.WIDTH - left - right;
        int barHeight = 13;
        int rowGap = 12;
        int rowHeight = series.size() * barHeight + rowGap;

        StringBuilder body = new StringBuilder();
        List<Svg.Key> keys = new ArrayList<>();
        series.forEach(s -> keys.add(new Svg.Key(s.name(), s.color(), false)));
        references.forEach(r -> keys.add(new Svg.Key(r.name() + " " + Svg.value(r.value()), r.color(), true)));
        int legendHeight = Svg.legend(body, left, 16, plotWidth + right, keys);
        int top = 16 + legendHeight + 10;
        int plotHeight = Math.max(1, categories.size()) * rowHeight;
        int height = top + plotHeight + 46;

        Scale scale = scale(plotWidth);
        // Grid and tick labels.
        for (double tick : scale.ticks()) {
            double x = left + scale.x(tick);
            Svg.line(body, x, top - 4, x, top + plotHeight, Svg.GRID, "");
            Svg.text(body, x, top + plotHeight + 16, "middle", Svg.AXIS, Svg.value(tick));
        }
        Svg.line(body, left, top - 4, left, top + plotHeight, Svg.AXIS, "");
        Svg.text(body, left + plotWidth / 2.0, top + plotHeight + 36, "middle", "#222", axisTitle);

        for (Reference reference : references) {
            double x = left + scale.x(reference.value());
            Svg.line(
                    body,
                    x,
                    top - 4,
                    x,
                    top + plotHeight,
                    reference.color(),
                    "stroke-width=\"2\" stroke-dasharray=\"5 3\"");
        }

        for (int row = 0; row < categories.size(); row++) {
            double rowTop = top + row * rowHeight + rowGap / 2.0;
            Svg.text(body, left - 8, rowTop + rowHeight / 2.0 - 2, "end", "#222", categories.get(row));
            double end = left;
            for (int s = 0; s < series.size(); s++) {
                Series one = series.get(s);
                double value = one.values()[row];
                double y = rowTop + s * barHeight;
                if (Double.isNaN(value)) {
                    Svg.text(body, left + 4, y + barHeight - 3, "start", Svg.AXIS, "not measured");
                    continue;
                }
                double width = scale.x(value);
                Svg.rect(
                        body,
                        left,
                        y,
                        width,
                        barHeight - 2,
                        one.color(),
                        categories.get(row) + ", " + one.name() + ": " + Svg.value(value));
                Svg.label(body, left + width + 4, y + barHeight - 3, "start", Svg.value(value));
                end = Math.max(end, left + width);
            }
            if (!badges.isEmpty()) {
                Badge badge = badges.get(row);
                Svg.text(body, Svg.WIDTH - 8, rowTop + rowHeight / 2.0 - 2, "end", badge.color(), badge.text());
            }
        }
        StringBuilder svg = new StringBuilder();
        Svg.open(svg, height, label);
        svg.append(body);
        svg.append("</svg>\n");
        return svg.toString();
    }

    /** Maps values to widths, linear from 0 or logarithmic over the decades the values span. */
    private Scale scale(int plotWidth) {
        double max = 0;
        double min = Double.MAX_VALUE;
        for (Series one : series) {
            for (double v : one.values()) {
                if (!Double.isNaN(v)) {
                    max = Math.max(max, v);
                    if (v > 0) {
                        min = Math.min(min, v);
                    }
                }
            }
        }
        for (Reference reference : references) {
            max = Math.max(max, reference.value());
        }
        if (!logScale) {
            // Headroom past the longest bar for its value label.
            List<Double> ticks = Svg.ticks(max * 1.12);
            double top = ticks.get(ticks.size() - 1);
            return new Scale(ticks, v -> Math.max(0, v) / top * plotWidth);
        }
        double low = Math.pow(10, Math.floor(Math.log10(min == Double.MAX_VALUE ? 1 : min)));
        double high = Math.pow(10, Math.ceil(Math.log10(Math.max(max * 1.5, low * 10))));
        List<Double> ticks = new ArrayList<>();
        for (double t = low; t <= high * 1.0001; t *= 10) {
            ticks.add(t);
        }
        double span = Math.log10(high) - Math.log10(low);
        return new Scale(ticks, v -> v <= low ? 0 : (Math.log10(v) - Math.log10(low)) / span * plotWidth);
    }

    private record Scale(List<Double> ticks, java.util.function.DoubleUnaryOperator map) {
        double x(double value) {
            return map.applyAsDouble(value);
        }
    }
}
