package dev.flashsale.demo.report;

import java.util.ArrayList;
import java.util.List;

/**
 * One horizontal bar per category split into parts by share of its total (a strategy's outcomes: succeeded, sold out,
 * conflicts, ...), each part labelled with its count where it is wide enough.
 */
public final class ShareChart {

    /** One kind of part: its name in the legend, its colour, and its count per category. */
    private record Part(String name, String color, long[] counts) {}

    private final String label;
    private final List<String> categories;
    private final List<Part> parts = new ArrayList<>();

    public ShareChart(String label, List<String> categories) {
        this.label = label;
        this.categories = List.copyOf(categories);
    }

    public ShareChart part(String name, String color, long[] counts) {
        if (counts.length != categories.size()) {
            throw new IllegalArgumentException(
                    "part " + name + " has " + counts.length + " counts for " + categories.size() + " rows");
        }
        parts.add(new Part(name, color, counts.clone()));
        return this;
    }

    public String svg() {
        int left = 170;
        int right = 70;
        int plotWidth = Svg.WIDTH - left - right;
        int rowHeight = 26;
        StringBuilder body = new StringBuilder();
        List<Svg.Key> keys = new ArrayList<>();
        parts.forEach(p -> keys.add(new Svg.Key(p.name(), p.color(), false)));
        int legendHeight = Svg.legend(body, left, 16, plotWidth + right, keys);
        int top = 16 + legendHeight + 10;
        int plotHeight = Math.max(1, categories.size()) * rowHeight;
        int height = top + plotHeight + 46;

        for (int tick = 0; tick <= 100; tick += 25) {
            double x = left + plotWidth * tick / 100.0;
            Svg.line(body, x, top - 4, x, top + plotHeight, Svg.GRID, "");
            Svg.text(body, x, top + plotHeight + 16, "middle", Svg.AXIS, tick + "%");
        }
        Svg.text(body, left + plotWidth / 2.0, top + plotHeight + 36, "middle", "#222", "share of the results (%)");
        for (int row = 0; row < categories.size(); row++) {
            double y = top + row * rowHeight + 5;
            Svg.text(body, left - 8, y + 12, "end", "#222", categories.get(row));
            long total = 0;
            for (Part part : parts) {
                total += part.counts()[row];
            }
            if (total == 0) {
                Svg.text(body, left + 4, y + 12, "start", Svg.AXIS, "no results");
                continue;
            }
            double x = left;
            for (Part part : parts) {
                long count = part.counts()[row];
                if (count == 0) {
                    continue;
                }
                double width = plotWidth * (double) count / total;
                Svg.rect(
                        body,
                        x,
                        y,
                        width,
                        rowHeight - 8,
                        part.color(),
                        String.format(
                                java.util.Locale.ROOT,
                                "%s, %s: %,d (%.1f%%)",
                                categories.get(row),
                                part.name(),
                                count,
                                100.0 * count / total));
                String text = String.format(java.util.Locale.ROOT, "%,d", count);
                if (width > text.length() * 7 + 6) {
                    Svg.text(body, x + width / 2, y + 13, "middle", "#fff", text);
                }
                x += width;
            }
            Svg.text(
                    body,
                    left + plotWidth + 6,
                    y + 12,
                    "start",
                    Svg.AXIS,
                    String.format(java.util.Locale.ROOT, "%,d", total));
        }
        StringBuilder svg = new StringBuilder();
        Svg.open(svg, height, label);
        svg.append(body);
        svg.append("</svg>\n");
        return svg.toString();
    }
}
